<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ko_KR">
<context>
    <name>BackendChoice</name>
    <message>
        <location filename="../../mnist_studio/ui/backend_choice.py" line="63"/>
        <source>Keras backend: %1 (from the next training on; no restart needed)</source>
        <translation>Keras 백엔드: %1 (다음 학습부터 적용, 다시 시작할 필요 없음)</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/backend_choice.py" line="67"/>
        <source>Backend:</source>
        <translation>백엔드:</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/backend_choice.py" line="68"/>
        <source>Which Keras backend trains and evaluates the models</source>
        <translation>모델을 학습하고 평가할 Keras 백엔드</translation>
    </message>
</context>
<context>
    <name>ClassServerError</name>
    <message>
        <location filename="../../mnist_studio/ui/classroom/server_errors.py" line="16"/>
        <source>Port %2 on %1 is already in use by another program: choose another port, or 0 for any free port.</source>
        <translation>%1의 포트 %2은(는) 이미 다른 프로그램이 쓰고 있습니다. 다른 포트를 고르거나, 아무 빈 포트나 쓰려면 0을 고르세요.</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/classroom/server_errors.py" line="19"/>
        <source>%1 is not an address of this computer (any more?): choose another network.</source>
        <translation>%1은(는) (더 이상) 이 컴퓨터의 주소가 아닙니다. 다른 네트워크를 고르세요.</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/classroom/server_errors.py" line="22"/>
        <source>This computer does not allow listening on %3: choose a port above 1023.</source>
        <translation>이 컴퓨터는 %3에서 연결을 기다리는 것을 허용하지 않습니다. 1023보다 큰 포트를 고르세요.</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/classroom/server_errors.py" line="25"/>
        <source>The student page is missing from this installation: reinstall MNIST Studio.</source>
        <translation>설치된 파일에 학생용 페이지가 없습니다. MNIST Studio를 다시 설치하세요.</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/classroom/server_errors.py" line="29"/>
        <source>The class could not open on %1: %2</source>
        <translation>%1에서 수업을 열 수 없습니다: %2</translation>
    </message>
</context>
<context>
    <name>ClassTab</name>
    <message>
        <location filename="../../mnist_studio/ui/classroom/class_tab.py" line="155"/>
        <source>The last class&apos;s %1 digits are not saved. Open a new class anyway?</source>
        <translation>지난 수업의 숫자 %1개가 저장되지 않았습니다. 그래도 새 수업을 열까요?</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/classroom/class_tab.py" line="202"/>
        <source>Refused %1 bad message(s) from phones</source>
        <translation>휴대폰에서 온 잘못된 메시지 %1개를 거부했습니다</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/classroom/class_tab.py" line="232"/>
        <source>%1 · asked for %2 · %3</source>
        <translation>%1 · 요청한 숫자 %2 · %3</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/classroom/class_tab.py" line="250"/>
        <source>Remove %1 and their %2 digit(s) from the class?</source>
        <translation>%1 학생과 그 학생의 숫자 %2개를 수업에서 뺄까요?</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/classroom/class_tab.py" line="259"/>
        <source>Class</source>
        <translation>수업</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/classroom/class_tab.py" line="277"/>
        <source>No digits yet: open the class and let the students draw first.</source>
        <translation>아직 숫자가 없습니다. 먼저 수업을 열고 학생들이 숫자를 쓰게 하세요.</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/classroom/class_tab.py" line="286"/>
        <source>Saved the class&apos;s %1 digits by %2 students in %3</source>
        <translation>학생 %2명이 쓴 수업 숫자 %1개를 %3에 저장했습니다</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/classroom/class_tab.py" line="299"/>
        <source>Save the class set</source>
        <translation>수업 세트 저장</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/classroom/class_tab.py" line="300"/>
        <source>Digit sets (*.npz)</source>
        <translation>숫자 세트 (*.npz)</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/classroom/class_tab.py" line="327"/>
        <source>1 student</source>
        <translation>학생 1명</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/classroom/class_tab.py" line="327"/>
        <source>%1 students</source>
        <translation>학생 %1명</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/classroom/class_tab.py" line="328"/>
        <location filename="../../mnist_studio/ui/classroom/class_tab.py" line="374"/>
        <source>1 digit</source>
        <translation>숫자 1개</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/classroom/class_tab.py" line="328"/>
        <location filename="../../mnist_studio/ui/classroom/class_tab.py" line="374"/>
        <source>%1 digits</source>
        <translation>숫자 %1개</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/classroom/class_tab.py" line="334"/>
        <source>%1 read %2 right</source>
        <translation>%1 정답률 %2</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/classroom/class_tab.py" line="335"/>
        <source>The models&apos; accuracy shows here once digits arrive.</source>
        <translation>숫자가 도착하면 모델의 정확도가 여기에 나옵니다.</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/classroom/class_tab.py" line="361"/>
        <source>Wall</source>
        <translation>숫자 벽</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/classroom/class_tab.py" line="362"/>
        <source>Confusion</source>
        <translation>혼동 행렬</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/classroom/class_tab.py" line="363"/>
        <source>Fooled the network</source>
        <translation>신경망 속이기</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/classroom/class_tab.py" line="364"/>
        <source>Remove digit</source>
        <translation>숫자 빼기</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/classroom/class_tab.py" line="365"/>
        <source>Remove student…</source>
        <translation>학생 빼기…</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/classroom/class_tab.py" line="366"/>
        <source>Teach the class&apos;s hand</source>
        <translation>우리 반 손글씨 가르치기</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/classroom/class_tab.py" line="367"/>
        <source>Hand the class&apos;s digits to My digits: score the models, fine-tune one with whole students held out</source>
        <translation>수업의 숫자를 내 숫자 탭으로 보냅니다. 모델을 채점하고, 일부 학생 전체를 따로 떼어 두고 미세 조정합니다</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/classroom/class_tab.py" line="369"/>
        <source>Save the class set…</source>
        <translation>수업 세트 저장…</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/classroom/class_tab.py" line="370"/>
        <source>The class&apos;s digits appear here, by student, as they arrive.</source>
        <translation>수업의 숫자가 도착하는 대로 학생별로 여기에 나옵니다.</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/classroom/class_tab.py" line="371"/>
        <source>Nobody has joined yet. Students open the address on their phones (or scan the code), type the join code and a nickname, and draw.</source>
        <translation>아직 아무도 참여하지 않았습니다. 학생들은 휴대폰에서 주소를 열고(또는 QR 코드를 찍고), 참여 코드와 별명을 입력한 뒤 숫자를 씁니다.</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/classroom/class_tab.py" line="374"/>
        <source>(left)</source>
        <translation>(나감)</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/classroom/class_tab.py" line="375"/>
        <source>Remove this digit</source>
        <translation>이 숫자 빼기</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/classroom/class_tab.py" line="375"/>
        <source>Remove %1…</source>
        <translation>%1 빼기…</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/classroom/class_tab.py" line="376"/>
        <source>Model:</source>
        <translation>모델:</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/classroom/class_tab.py" line="376"/>
        <source>asked for</source>
        <translation>요청한 숫자</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/classroom/class_tab.py" line="376"/>
        <source>read as</source>
        <translation>모델의 답</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/classroom/class_tab.py" line="377"/>
        <source>Asked for %2, the %1 read %3: %4 digit(s)</source>
        <translation>요청한 숫자 %2, %1의 답 %3: 숫자 %4개</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/classroom/class_tab.py" line="378"/>
        <source>Click a cell to see those digits.</source>
        <translation>칸을 누르면 그 숫자들이 보입니다.</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/classroom/class_tab.py" line="379"/>
        <source>… and %1 more</source>
        <translation>… 그리고 %1개 더</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/classroom/class_tab.py" line="380"/>
        <source>Digits a model misread, the most confident mistakes first: asked for → read as, and how sure the model was.</source>
        <translation>모델이 잘못 읽은 숫자입니다. 가장 자신 있게 틀린 것부터: 요청한 숫자 → 모델의 답, 그리고 모델의 확신도.</translation>
    </message>
</context>
<context>
    <name>CollectPanel</name>
    <message>
        <location filename="../../mnist_studio/ui/mydigits/collect.py" line="127"/>
        <source>All done: thank you!</source>
        <translation>모두 끝났어요. 고마워요!</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/mydigits/collect.py" line="129"/>
        <source>Draw a %1</source>
        <translation>쓸 숫자: %1</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/mydigits/collect.py" line="130"/>
        <source>%1 of %2</source>
        <translation>%2개 중 %1번째</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/mydigits/collect.py" line="143"/>
        <source>Your name</source>
        <translation>이름</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/mydigits/collect.py" line="144"/>
        <source>Rounds (10 digits each)</source>
        <translation>횟수 (한 번에 숫자 10개)</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/mydigits/collect.py" line="145"/>
        <source>e.g. Mina</source>
        <translation>예: 민아</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/mydigits/collect.py" line="146"/>
        <source>Keep (Enter)</source>
        <translation>추가 (Enter)</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/mydigits/collect.py" line="147"/>
        <source>Keep this drawing as the asked digit and ask for the next</source>
        <translation>이 그림을 요청한 숫자로 저장하고 다음 숫자로 넘어갑니다</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/mydigits/collect.py" line="148"/>
        <source>Skip</source>
        <translation>건너뛰기</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/mydigits/collect.py" line="149"/>
        <source>Clear (Esc)</source>
        <translation>지우기 (Esc)</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/mydigits/collect.py" line="150"/>
        <source>Start over</source>
        <translation>처음부터</translation>
    </message>
</context>
<context>
    <name>CompareChart</name>
    <message>
        <location filename="../../mnist_studio/ui/evaluate/compare_chart.py" line="87"/>
        <source>epoch</source>
        <translation>에포크</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/evaluate/compare_chart.py" line="93"/>
        <source>Validation loss per epoch</source>
        <translation>에포크별 검증 손실</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/evaluate/compare_chart.py" line="94"/>
        <source>Validation accuracy per epoch</source>
        <translation>에포크별 검증 정확도</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/evaluate/compare_chart.py" line="115"/>
        <source>“%1” is selected. Select one or more other runs to compare their validation curves.</source>
        <translation>“%1”이(가) 선택되었습니다. 검증 곡선을 비교하려면 다른 실행을 하나 이상 더 선택하세요.</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/evaluate/compare_chart.py" line="119"/>
        <source>The selected run has no finished epoch to draw. Select two or more runs with epochs.</source>
        <translation>선택한 실행에는 그릴 수 있는 끝난 에포크가 없습니다. 에포크가 있는 실행을 두 개 이상 선택하세요.</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/evaluate/compare_chart.py" line="122"/>
        <source>Select two or more runs to compare their validation curves (Ctrl+click or Shift+click).</source>
        <translation>검증 곡선을 비교하려면 실행을 두 개 이상 선택하세요 (Ctrl+클릭 또는 Shift+클릭).</translation>
    </message>
</context>
<context>
    <name>ComparePage</name>
    <message>
        <location filename="../../mnist_studio/ui/evaluate/compare_page.py" line="97"/>
        <source>%1 run record(s) could not be read and are not listed: %2 (in %3; details in the log).</source>
        <translation>실행 기록 %1개를 읽을 수 없어 목록에서 뺐습니다: %2 (위치: %3, 자세한 내용은 로그 참고).</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/evaluate/compare_page.py" line="117"/>
        <source>Select a run to replay how it learned.</source>
        <translation>학습 과정을 다시 보려면 실행을 선택하세요.</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/evaluate/compare_page.py" line="125"/>
        <source>The time-lapse of “%1” could not be read: %2</source>
        <translation>“%1”의 타임랩스를 읽을 수 없습니다: %2</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/evaluate/compare_page.py" line="129"/>
        <source>“%1” has no time-lapse: it was trained before snapshots were kept with runs, or stopped before the first one.</source>
        <translation>“%1”에는 타임랩스가 없습니다: 실행과 함께 스냅샷을 저장하기 전에 학습했거나, 첫 스냅샷 전에 멈췄습니다.</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/evaluate/compare_page.py" line="152"/>
        <source>%1 runs selected: their curves are overlaid. Select exactly two runs to see the difference of their confusion matrices.</source>
        <translation>실행 %1개 선택됨: 곡선을 겹쳐 보여 줍니다. 혼동 행렬의 차이를 보려면 실행을 정확히 두 개 선택하세요.</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/evaluate/compare_page.py" line="184"/>
        <source>Could not save the model: the run is no longer in %1.</source>
        <translation>모델을 저장할 수 없습니다: 실행이 더 이상 %1에 없습니다.</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/evaluate/compare_page.py" line="187"/>
        <source>Could not save the model as %1: %2</source>
        <translation>모델을 %1(으)로 저장할 수 없습니다: %2</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/evaluate/compare_page.py" line="197"/>
        <source>Watch it learn</source>
        <translation>학습 과정 보기</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/evaluate/compare_page.py" line="198"/>
        <source>Replay the selected run&apos;s time-lapse: its first layer, mistakes, map and drawing, snapshot by snapshot</source>
        <translation>선택한 실행의 타임랩스를 다시 봅니다: 첫 층, 실수, 지도, 그림을 스냅샷마다</translation>
    </message>
</context>
<context>
    <name>ConfusionMatrixView</name>
    <message>
        <location filename="../../mnist_studio/ui/common/confusion.py" line="187"/>
        <source>Evaluate a model to see its confusion matrix</source>
        <translation>모델을 평가하면 혼동 행렬이 보입니다</translation>
    </message>
</context>
<context>
    <name>ControlBar</name>
    <message>
        <location filename="../../mnist_studio/ui/classroom/join_panel.py" line="60"/>
        <source>%1 (this computer only)</source>
        <translation>%1 (이 컴퓨터만)</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/classroom/join_panel.py" line="84"/>
        <source>Network:</source>
        <translation>네트워크:</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/classroom/join_panel.py" line="85"/>
        <source>The students&apos; phones must be on this network (the school&apos;s Wi-Fi). 127.0.0.1 reaches this computer only.</source>
        <translation>학생들의 휴대폰이 이 네트워크(학교 Wi-Fi)에 있어야 합니다. 127.0.0.1은 이 컴퓨터에서만 열립니다.</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/classroom/join_panel.py" line="87"/>
        <source>Port:</source>
        <translation>포트:</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/classroom/join_panel.py" line="88"/>
        <source>any</source>
        <translation>자동</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/classroom/join_panel.py" line="90"/>
        <source>0: any free port</source>
        <translation>0: 아무 빈 포트</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/classroom/join_panel.py" line="91"/>
        <source>Open the class</source>
        <translation>수업 열기</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/classroom/join_panel.py" line="92"/>
        <source>Let phones on this network join: nothing listens until you open it</source>
        <translation>이 네트워크의 휴대폰이 참여할 수 있게 합니다. 열기 전에는 아무것도 연결을 기다리지 않습니다</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/classroom/join_panel.py" line="93"/>
        <source>Close the class</source>
        <translation>수업 닫기</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/classroom/join_panel.py" line="94"/>
        <source>End every connection; the digits stay here</source>
        <translation>모든 연결을 끊습니다. 숫자는 여기에 남습니다</translation>
    </message>
</context>
<context>
    <name>Device</name>
    <message>
        <location filename="../../mnist_studio/ui/look/texts.py" line="28"/>
        <source>this TensorFlow build has no CUDA support</source>
        <translation>이 TensorFlow 빌드는 CUDA를 지원하지 않음</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/look/texts.py" line="29"/>
        <source>no CUDA driver or GPU detected</source>
        <translation>CUDA 드라이버나 GPU가 없음</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/look/texts.py" line="30"/>
        <location filename="../../mnist_studio/ui/look/texts.py" line="48"/>
        <source>CPU — no GPU found (%1)</source>
        <translation>CPU — GPU 없음 (%1)</translation>
    </message>
</context>
<context>
    <name>DigitSetError</name>
    <message>
        <location filename="../../mnist_studio/ui/look/error_texts.py" line="15"/>
        <source>%1: x must be (N, 28, 28) images, got shape %2</source>
        <translation>%1: x는 (N, 28, 28) 이미지여야 하는데 모양이 %2입니다</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/look/error_texts.py" line="16"/>
        <source>%1: x must be uint8 (0-255, white ink on black), got %2</source>
        <translation>%1: x는 uint8(0-255, 검은 바탕에 흰 글씨)이어야 하는데 %2입니다</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/look/error_texts.py" line="17"/>
        <source>%1: y must be (N,) whole numbers, got %2 %3</source>
        <translation>%1: y는 (N,) 정수여야 하는데 %2 %3입니다</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/look/error_texts.py" line="18"/>
        <source>%1: %2 images but %3 labels</source>
        <translation>%1: 이미지는 %2개인데 레이블은 %3개입니다</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/look/error_texts.py" line="19"/>
        <source>%1 is empty: draw or import some digits first</source>
        <translation>%1: 비어 있습니다. 먼저 숫자를 쓰거나 가져오세요</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/look/error_texts.py" line="20"/>
        <source>%1: labels must be 0-9; sample %2 has %3</source>
        <translation>%1: 레이블은 0-9여야 하는데 %2번 샘플은 %3입니다</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/look/error_texts.py" line="21"/>
        <source>%1: writer must be (N,) strings, got %2 %3</source>
        <translation>%1: writer는 (N,) 문자열이어야 하는데 %2 %3입니다</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/look/error_texts.py" line="22"/>
        <source>%1: strokes for %2 samples but %3 labels</source>
        <translation>%1: 획은 샘플 %2개 분량인데 레이블은 %3개입니다</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/look/error_texts.py" line="23"/>
        <source>%1: samples %2 and %3 are identical (%4 duplicate(s)); remove the copies</source>
        <translation>%1: %2번과 %3번 샘플이 똑같습니다(중복 %4개). 사본을 지우세요</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/look/error_texts.py" line="24"/>
        <source>%1: the stroke arrays (points, stroke_starts, sample_starts) do not fit together</source>
        <translation>%1: 획 배열(points, stroke_starts, sample_starts)이 서로 맞지 않습니다</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/look/error_texts.py" line="25"/>
        <source>%1: no such file</source>
        <translation>%1: 그런 파일이 없습니다</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/look/error_texts.py" line="26"/>
        <source>%1: a single array, not a digit set (.npz with x and y)</source>
        <translation>%1: 배열 하나뿐이고 숫자 세트(x와 y가 있는 .npz)가 아닙니다</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/look/error_texts.py" line="27"/>
        <source>%1 is unreadable or truncated: not a .npz digit set</source>
        <translation>%1: 읽을 수 없거나 잘린 파일입니다. .npz 숫자 세트가 아닙니다</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/look/error_texts.py" line="28"/>
        <source>%1: writer must be strings, got %2</source>
        <translation>%1: writer는 문자열이어야 하는데 %2입니다</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/look/error_texts.py" line="29"/>
        <source>%1: made by a newer MNIST Studio (format %2); update the app</source>
        <translation>%1: 더 새로운 MNIST Studio로 만든 파일입니다(형식 %2). 앱을 업데이트하세요</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/look/error_texts.py" line="30"/>
        <source>%1 is too large for a digit set (%2 MB of arrays; at most %3 MB)</source>
        <translation>%1: 숫자 세트로는 너무 큽니다(배열 %2MB, 최대 %3MB)</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/look/error_texts.py" line="31"/>
        <source>nothing to merge: choose at least one set</source>
        <translation>합칠 것이 없습니다. 세트를 하나 이상 고르세요</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/look/error_texts.py" line="32"/>
        <source>these sets were made with different preprocessing versions (%1); open each older set in My digits and save it (that re-renders it) before merging</source>
        <translation>이 세트들은 서로 다른 전처리 버전으로 만들어졌습니다(%1). 합치기 전에 오래된 세트를 하나씩 내 숫자 탭에서 열고 저장하세요(그러면 다시 그려집니다)</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/look/error_texts.py" line="33"/>
        <source>a digit&apos;s label must be 0-9, got %1</source>
        <translation>숫자의 레이블은 0-9여야 하는데 %1입니다</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/look/error_texts.py" line="34"/>
        <source>the drawing is blank</source>
        <translation>그림이 비어 있습니다</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/look/error_texts.py" line="35"/>
        <source>this drawing is identical to digit %1 of the set; not added twice</source>
        <translation>이 그림은 세트의 %1번째 숫자와 똑같습니다. 두 번 넣지 않았습니다</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/look/error_texts.py" line="36"/>
        <source>could not write %1: %2</source>
        <translation>%1: 저장할 수 없습니다 (%2)</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/look/error_texts.py" line="37"/>
        <source>%1 cannot be read: %2</source>
        <translation>%1: 읽을 수 없습니다 (%2)</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/look/error_texts.py" line="38"/>
        <source>%1 is unreadable or truncated: %2</source>
        <translation>%1: 읽을 수 없거나 잘린 파일입니다 (%2)</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/look/error_texts.py" line="39"/>
        <source>%1 is unreadable or truncated (not a .npz digit set): %2</source>
        <translation>%1: 읽을 수 없거나 잘린 파일입니다(.npz 숫자 세트가 아님): %2</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/look/error_texts.py" line="40"/>
        <source>%1 is too large to read as a digit set</source>
        <translation>%1: 숫자 세트로 읽기에는 너무 큽니다</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/look/error_texts.py" line="41"/>
        <source>%1 is not a digit set: it lacks %2</source>
        <translation>%1: 숫자 세트가 아닙니다(없는 배열: %2)</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/look/error_texts.py" line="42"/>
        <source>%1: holds Python objects (pickle); refused for safety</source>
        <translation>%1: 파이썬 객체(pickle)가 들어 있어 안전을 위해 거부했습니다</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/look/error_texts.py" line="43"/>
        <source>%1 sample %2 is identical to %3 sample %4: was the same set imported twice?</source>
        <translation>%1의 %2번 샘플이 %3의 %4번 샘플과 똑같습니다. 같은 세트를 두 번 가져왔나요?</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/look/error_texts.py" line="45"/>
        <source>%1: no such model file</source>
        <translation>%1: 그런 모델 파일이 없습니다</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/look/error_texts.py" line="46"/>
        <source>%1 is not a Keras model file (.keras archive)</source>
        <translation>%1은(는) Keras 모델 파일(.keras 압축 파일)이 아닙니다</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/look/error_texts.py" line="47"/>
        <source>%1: this model file %2; it was not loaded (refused for safety)</source>
        <translation>%1: 이 모델 파일은 %2. 안전을 위해 불러오지 않았습니다</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/look/error_texts.py" line="48"/>
        <source>%1: %2; it was not loaded</source>
        <translation>%1: %2. 불러오지 않았습니다</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/look/error_texts.py" line="49"/>
        <source>%1 is too large to be a model: %2 files, %3 MB unpacked (at most %4 MB); it was not loaded</source>
        <translation>%1은(는) 모델이라기에는 너무 큽니다: 파일 %2개, 풀면 %3 MB (최대 %4 MB). 불러오지 않았습니다</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/look/error_texts.py" line="50"/>
        <source>%1: its config.json is over %2 MB, too large to describe a model; it was not loaded</source>
        <translation>%1: config.json이 %2 MB를 넘어 모델 설명이라기에는 너무 큽니다. 불러오지 않았습니다</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/look/error_texts.py" line="51"/>
        <source>%1 is not a Keras model file: config.json is not a model description</source>
        <translation>%1은(는) Keras 모델 파일이 아닙니다: config.json이 모델 설명이 아닙니다</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/look/error_texts.py" line="52"/>
        <source>%1: its config.json is nested too deeply to describe a model; it was not loaded</source>
        <translation>%1: config.json이 너무 깊이 중첩되어 모델 설명일 수 없습니다. 불러오지 않았습니다</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/look/error_texts.py" line="53"/>
        <source>%1 is not a Keras model file: %2</source>
        <translation>%1은(는) Keras 모델 파일이 아닙니다: %2</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/look/error_texts.py" line="54"/>
        <source>%1 was refused by Keras safe mode: %2</source>
        <translation>%1은(는) Keras 안전 모드에서 거부되었습니다: %2</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/look/error_texts.py" line="55"/>
        <source>%1 could not be loaded as a Keras model: %2</source>
        <translation>%1을(를) Keras 모델로 불러올 수 없습니다: %2</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/look/error_texts.py" line="56"/>
        <source>%1 has no single input and output</source>
        <translation>%1에는 입력과 출력이 하나씩 있지 않습니다</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/look/error_texts.py" line="57"/>
        <source>%1 expects input %2; an MNIST model takes 28x28 images (28, 28), (28, 28, 1) or (784,)</source>
        <translation>%1은(는) 입력 %2을(를) 기대합니다. MNIST 모델은 28x28 이미지 (28, 28), (28, 28, 1) 또는 (784,)를 받습니다</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/look/error_texts.py" line="58"/>
        <source>%1 outputs %2; an MNIST model outputs 10 class scores</source>
        <translation>%1의 출력은 %2입니다. MNIST 모델은 10개 클래스 점수를 출력합니다</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/look/error_texts.py" line="59"/>
        <source>its weights hold an array of %1 numbers, more than a model here may have (%2); it was not loaded</source>
        <translation>가중치에 숫자 %1개짜리 배열이 있어 이 앱의 모델이 가질 수 있는 수(%2)보다 많습니다. 불러오지 않았습니다</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/look/error_texts.py" line="61"/>
        <source>%1 has only the digit %2: fine-tuning needs at least two different digits (it would learn to answer that digit for everything)</source>
        <translation>%1에는 숫자 %2만 있습니다. 미세 조정에는 서로 다른 숫자가 두 가지 이상 필요합니다 (그렇지 않으면 무엇을 보든 그 숫자라고 답하도록 배웁니다)</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/look/error_texts.py" line="62"/>
        <source>too few digits to hold any out for scoring: draw at least two of some digit</source>
        <translation>채점용으로 따로 둘 숫자가 너무 적습니다. 같은 숫자를 두 개 이상 그리세요</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/look/error_texts.py" line="63"/>
        <source>after holding digits out for scoring, the training part has only one digit; draw more digits</source>
        <translation>채점용 숫자를 따로 두고 나면 학습할 부분에 숫자가 한 가지만 남습니다. 숫자를 더 그리세요</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/look/error_texts.py" line="64"/>
        <source>%1: no such model file or run folder (was its run deleted?)</source>
        <translation>%1: 그런 모델 파일이나 실행 폴더가 없습니다 (실행이 삭제되었나요?)</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/look/error_texts.py" line="65"/>
        <source>%1 is neither a shipped model (mlp, cnn), a .keras file nor a run id</source>
        <translation>%1은(는) 기본 제공 모델(mlp, cnn)도, .keras 파일도, 실행 ID도 아닙니다</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/look/error_texts.py" line="69"/>
        <source>the set</source>
        <translation>세트</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/look/error_texts.py" line="70"/>
        <source>x and y</source>
        <translation>x와 y</translation>
    </message>
</context>
<context>
    <name>DrawTab</name>
    <message>
        <location filename="../../mnist_studio/ui/draw/draw_tab.py" line="333"/>
        <source>%1 ms per update</source>
        <translation>갱신당 %1 ms</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/draw/draw_tab.py" line="342"/>
        <location filename="../../mnist_studio/ui/draw/draw_tab.py" line="352"/>
        <source>Pen width: %1</source>
        <translation>펜 굵기: %1</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/draw/draw_tab.py" line="347"/>
        <source>Clear</source>
        <translation>지우기</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/draw/draw_tab.py" line="348"/>
        <source>Erase the drawing (Esc or Delete)</source>
        <translation>그림 지우기 (Esc 또는 Delete)</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/draw/draw_tab.py" line="349"/>
        <source>Undo</source>
        <translation>되돌리기</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/draw/draw_tab.py" line="350"/>
        <source>Remove the last stroke (Ctrl+Z)</source>
        <translation>마지막 획 취소 (Ctrl+Z)</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/draw/draw_tab.py" line="351"/>
        <source>Pen width ([ and ] change it)</source>
        <translation>펜 굵기 ([ 와 ] 로 조절)</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/draw/draw_tab.py" line="353"/>
        <source>What the models see (28x28)</source>
        <translation>모델이 보는 이미지 (28x28)</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/draw/draw_tab.py" line="325"/>
        <source>Draw one digit, large and centred. Both models read the same 28x28 image.</source>
        <translation>숫자 하나를 크게, 가운데에 쓰세요. 두 모델은 같은 28x28 이미지를 읽습니다.</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/common/drawing.py" line="29"/>
        <source>A test image</source>
        <translation>테스트 이미지</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/common/drawing.py" line="31"/>
        <source>Test image #%1</source>
        <translation>테스트 이미지 #%1</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/common/drawing.py" line="32"/>
        <source>Test image #%1, labelled %2</source>
        <translation>테스트 이미지 #%1, 정답 %2</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/draw/draw_tab.py" line="323"/>
        <source>Draw one digit, large and centred. The model reads this 28x28 image.</source>
        <translation>숫자 하나를 크게, 가운데에 쓰세요. 모델은 이 28x28 이미지를 읽습니다.</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/draw/draw_tab.py" line="327"/>
        <source>Draw one digit, large and centred. All %1 models read the same 28x28 image.</source>
        <translation>숫자 하나를 크게, 가운데에 쓰세요. 모델 %1개가 모두 같은 28x28 이미지를 읽습니다.</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/draw/draw_tab.py" line="356"/>
        <source>Draw a digit with the mouse or a pen</source>
        <translation>마우스나 펜으로 숫자를 쓰세요</translation>
    </message>
</context>
<context>
    <name>DrawingCanvas</name>
    <message>
        <location filename="../../mnist_studio/ui/common/canvas.py" line="284"/>
        <source>Draw a digit here</source>
        <translation>여기에 숫자를 쓰세요</translation>
    </message>
</context>
<context>
    <name>EmbeddingView</name>
    <message>
        <location filename="../../mnist_studio/ui/inside/embedding_view.py" line="106"/>
        <source>Not a digit? The check on this layer finds your drawing (orange ring) unlike every digit: score %1, above %2. Grey: drawings that are not digits.</source>
        <translation>숫자가 아닌가요? 이 층의 검사로는 그림(주황색 고리)이 어떤 숫자와도 닮지 않았습니다: 점수 %1, 기준 %2 초과. 회색: 숫자가 아닌 그림.</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/inside/embedding_view.py" line="109"/>
        <source>Like a digit: score %1 (&quot;not a digit?&quot; above %2). Grey: drawings that are not digits.</source>
        <translation>숫자처럼 보입니다: 점수 %1 (%2를 넘으면 &quot;숫자가 아닌가요?&quot;). 회색: 숫자가 아닌 그림.</translation>
    </message>
</context>
<context>
    <name>EvaluateTab</name>
    <message>
        <location filename="../../mnist_studio/ui/evaluate/evaluate_tab.py" line="149"/>
        <source>Shipped MLP</source>
        <translation>기본 MLP</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/evaluate/evaluate_tab.py" line="150"/>
        <source>Shipped CNN</source>
        <translation>기본 CNN</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/evaluate/evaluate_tab.py" line="155"/>
        <source>Run: %1</source>
        <translation>실행: %1</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/evaluate/evaluate_tab.py" line="158"/>
        <location filename="../../mnist_studio/ui/evaluate/evaluate_tab.py" line="307"/>
        <source>File: %1</source>
        <translation>파일: %1</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/evaluate/evaluate_tab.py" line="366"/>
        <source>Accuracy per digit (%)</source>
        <translation>숫자별 정확도 (%)</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/evaluate/evaluate_tab.py" line="377"/>
        <source>Evaluating on %1 test images…</source>
        <translation>테스트 이미지 %1장으로 평가 중…</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/evaluate/evaluate_tab.py" line="379"/>
        <source>Accuracy %1 · loss %2 · %3 mistakes of %4</source>
        <translation>정확도 %1 · 손실 %2 · %4장 중 %3장 오답</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/evaluate/evaluate_tab.py" line="392"/>
        <source>True %1, predicted %2: %3 images (most confident first)</source>
        <translation>정답 %1, 예측 %2: %3장 (확신도 높은 순)</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/evaluate/mistakes_page.py" line="87"/>
        <source>%1 mistakes, most confident first</source>
        <translation>오답 %1장, 확신도 높은 순</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/evaluate/compare_page.py" line="147"/>
        <source>Confusion difference: “%1” minus “%2” (blue: more, red: fewer)</source>
        <translation>혼동 행렬 차이: “%1” − “%2” (파랑: 더 많음, 빨강: 더 적음)</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/evaluate/compare_page.py" line="157"/>
        <source>Confusion matrix of “%1”. Select a second run to compare.</source>
        <translation>“%1”의 혼동 행렬. 비교하려면 두 번째 실행을 선택하세요.</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/evaluate/compare_page.py" line="162"/>
        <source>Select two or more runs to compare them.</source>
        <translation>비교하려면 두 개 이상의 실행을 선택하세요.</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/evaluate/evaluate_tab.py" line="313"/>
        <source>Open a Keras model</source>
        <translation>Keras 모델 열기</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/evaluate/compare_page.py" line="175"/>
        <location filename="../../mnist_studio/ui/evaluate/evaluate_tab.py" line="314"/>
        <source>Keras model (*.keras)</source>
        <translation>Keras 모델 (*.keras)</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/evaluate/compare_page.py" line="171"/>
        <source>Select a run first.</source>
        <translation>먼저 실행을 선택하세요.</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/evaluate/compare_page.py" line="173"/>
        <source>Save model as</source>
        <translation>모델을 다른 이름으로 저장</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/evaluate/evaluate_tab.py" line="357"/>
        <source>Model:</source>
        <translation>모델:</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/evaluate/evaluate_tab.py" line="358"/>
        <source>A shipped model or any saved run</source>
        <translation>기본 모델 또는 저장된 실행</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/evaluate/evaluate_tab.py" line="359"/>
        <source>Open .keras…</source>
        <translation>.keras 열기…</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/evaluate/evaluate_tab.py" line="360"/>
        <source>Load a Keras model file from anywhere (Ctrl+O)</source>
        <translation>어디서든 Keras 모델 파일 불러오기 (Ctrl+O)</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/evaluate/evaluate_tab.py" line="361"/>
        <source>Evaluate</source>
        <translation>평가</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/evaluate/evaluate_tab.py" line="362"/>
        <source>Evaluate on the 10,000 test images (Ctrl+E)</source>
        <translation>테스트 이미지 10,000장으로 평가 (Ctrl+E)</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/evaluate/evaluate_tab.py" line="363"/>
        <source>Confusion matrix</source>
        <translation>혼동 행렬</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/evaluate/evaluate_tab.py" line="364"/>
        <source>Mistakes</source>
        <translation>오답</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/evaluate/evaluate_tab.py" line="365"/>
        <source>Compare runs</source>
        <translation>실행 비교</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/evaluate/mistakes_page.py" line="78"/>
        <source>True digit:</source>
        <translation>정답 숫자:</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/evaluate/mistakes_page.py" line="79"/>
        <source>Predicted:</source>
        <translation>예측:</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/evaluate/mistakes_page.py" line="80"/>
        <location filename="../../mnist_studio/ui/evaluate/mistakes_page.py" line="81"/>
        <source>any</source>
        <translation>전체</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/evaluate/compare_page.py" line="194"/>
        <source>Delete…</source>
        <translation>삭제…</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/evaluate/compare_page.py" line="195"/>
        <source>Open folder</source>
        <translation>폴더 열기</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/evaluate/compare_page.py" line="196"/>
        <source>Save model as…</source>
        <translation>모델을 다른 이름으로 저장…</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/evaluate/compare_page.py" line="201"/>
        <source>Double-click a name to rename a run; select several to compare</source>
        <translation>이름을 두 번 클릭하면 바꿀 수 있고, 여러 개를 선택하면 비교합니다</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/evaluate/compare_page.py" line="203"/>
        <location filename="../../mnist_studio/ui/evaluate/evaluate_tab.py" line="367"/>
        <source>true digit</source>
        <translation>정답 숫자</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/evaluate/compare_page.py" line="204"/>
        <location filename="../../mnist_studio/ui/evaluate/evaluate_tab.py" line="367"/>
        <source>predicted digit</source>
        <translation>예측 숫자</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/evaluate/evaluate_tab.py" line="383"/>
        <source>Pick a model to evaluate it on the 10,000 test images.</source>
        <translation>모델을 고르면 테스트 이미지 10,000장으로 평가합니다.</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/evaluate/evaluate_tab.py" line="389"/>
        <source>Click a cell of the matrix to see its images.</source>
        <translation>행렬의 칸을 클릭하면 해당 이미지가 보입니다.</translation>
    </message>
</context>
<context>
    <name>FinetuneView</name>
    <message>
        <location filename="../../mnist_studio/ui/mydigits/finetune_view.py" line="161"/>
        <source>No model to start from yet: wait for the models to load.</source>
        <translation>아직 시작할 모델이 없습니다. 모델을 불러올 때까지 기다리세요.</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/mydigits/finetune_view.py" line="175"/>
        <source>Starting…</source>
        <translation>시작하는 중…</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/mydigits/finetune_view.py" line="195"/>
        <source>Step %1 of %2 (%3 s)</source>
        <translation>%2단계 중 %1단계 (%3초)</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/mydigits/finetune_view.py" line="200"/>
        <source>Loading the model and MNIST…</source>
        <translation>모델과 MNIST를 불러오는 중…</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/mydigits/finetune_view.py" line="201"/>
        <source>Scoring the model before fine-tuning…</source>
        <translation>미세 조정 전에 모델을 채점하는 중…</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/mydigits/finetune_view.py" line="202"/>
        <source>Fine-tuning…</source>
        <translation>미세 조정하는 중…</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/mydigits/finetune_view.py" line="202"/>
        <source>Scoring the fine-tuned model…</source>
        <translation>미세 조정한 모델을 채점하는 중…</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/mydigits/finetune_view.py" line="203"/>
        <source>Saving the run…</source>
        <translation>실행 저장 중…</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/mydigits/finetune_view.py" line="213"/>
        <source>Could not fine-tune: %1</source>
        <translation>미세 조정할 수 없습니다: %1</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/mydigits/finetune_view.py" line="230"/>
        <source>Class set, scored writer-held-out: trained on %1 digits of the other students, scored on %2 digits by %3, who were not trained on.</source>
        <translation>반 전체 세트, 글쓴이를 빼고 채점: 다른 학생들의 숫자 %1개로 학습하고, 학습에 쓰지 않은 %3의 숫자 %2개로 채점했습니다.</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/mydigits/finetune_view.py" line="235"/>
        <source>Scored on %1 digits it was never trained on (held out from each writer&apos;s digits); trained on the other %2.</source>
        <translation>한 번도 학습하지 않은 숫자 %1개로 채점했습니다(글쓴이마다 일부를 떼어 둠). 나머지 %2개로 학습했습니다.</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/mydigits/finetune_view.py" line="238"/>
        <source>before</source>
        <translation>전</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/mydigits/finetune_view.py" line="238"/>
        <source>after</source>
        <translation>후</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/mydigits/finetune_view.py" line="239"/>
        <source>Your held-out digits</source>
        <translation>떼어 둔 내 숫자</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/mydigits/finetune_view.py" line="240"/>
        <source>MNIST test set (forgetting?)</source>
        <translation>MNIST 테스트 세트 (잊어버렸나?)</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/mydigits/finetune_view.py" line="245"/>
        <source>saved as a run; its panel is in the Draw tab</source>
        <translation>실행으로 저장했습니다. 그리기 탭에 패널이 있습니다</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/mydigits/finetune_view.py" line="246"/>
        <source>Stopped early</source>
        <translation>일찍 멈춤</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/mydigits/finetune_view.py" line="246"/>
        <source>Done</source>
        <translation>완료</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/mydigits/finetune_view.py" line="247"/>
        <source>%1 in %2 s (%3)</source>
        <translation>%1, %2초 (%3)</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/mydigits/finetune_view.py" line="251"/>
        <source>Start from</source>
        <translation>시작 모델</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/mydigits/finetune_view.py" line="252"/>
        <source>Fine-tune on my digits</source>
        <translation>내 숫자로 미세 조정</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/mydigits/finetune_view.py" line="253"/>
        <source>Teach the model this handwriting, mixing MNIST in so it does not forget (a few seconds)</source>
        <translation>이 손글씨를 모델에 가르칩니다. 잊지 않도록 MNIST를 섞어 씁니다 (몇 초).</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/mydigits/finetune_view.py" line="255"/>
        <source>Stop</source>
        <translation>멈춤</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/mydigits/finetune_view.py" line="256"/>
        <source>loss</source>
        <translation>손실</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/mydigits/finetune_view.py" line="256"/>
        <source>accuracy (training batches)</source>
        <translation>정확도 (학습 배치)</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/mydigits/finetune_view.py" line="257"/>
        <source>step</source>
        <translation>단계</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/mydigits/finetune_view.py" line="257"/>
        <source>held-out digits: before → after</source>
        <translation>떼어 둔 숫자: 전 → 후</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/mydigits/finetune_view.py" line="261"/>
        <source>Part of each writer&apos;s digits is held out and never trained on; with 3 or more writers, whole students are held out.</source>
        <translation>글쓴이마다 숫자 일부를 떼어 두고 학습에 쓰지 않습니다. 글쓴이가 3명 이상이면 학생 전체를 떼어 둡니다.</translation>
    </message>
</context>
<context>
    <name>FinetuneWorker</name>
    <message>
        <location filename="../../mnist_studio/ui/mydigits/finetune_view.py" line="60"/>
        <source>Stopped before fine-tuning began.</source>
        <translation>미세 조정이 시작되기 전에 멈췄습니다.</translation>
    </message>
</context>
<context>
    <name>InsideTab</name>
    <message>
        <location filename="../../mnist_studio/ui/inside/inside_tab.py" line="114"/>
        <source>Click a unit in the layers (or a weight picture) to see its arithmetic with real numbers.</source>
        <translation>층에서 유닛(또는 가중치 그림)을 누르면 실제 숫자로 계산 과정을 볼 수 있습니다.</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/inside/inside_tab.py" line="117"/>
        <source>Loading the model…</source>
        <translation>모델을 불러오는 중…</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/inside/inside_tab.py" line="142"/>
        <source>This model&apos;s first layer has no weights that form pictures.</source>
        <translation>이 모델의 첫 층에는 그림이 되는 가중치가 없습니다.</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/inside/inside_tab.py" line="174"/>
        <source>Mapping the 10,000 test digits…</source>
        <translation>테스트 숫자 10,000개를 지도에 놓는 중…</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/inside/inside_tab.py" line="175"/>
        <source>No map: %1</source>
        <translation>지도 없음: %1</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/inside/inside_tab.py" line="179"/>
        <source>Draw a digit: it appears here as a black dot.</source>
        <translation>숫자를 쓰면 여기에 검은 점으로 나타납니다.</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/inside/inside_tab.py" line="180"/>
        <source>Each dot is a test digit placed by its %1 activations (PCA, 2 of %2 dimensions). Nearest test digits (click one):</source>
        <translation>점 하나가 테스트 숫자 하나이며, %1 활성값으로 위치를 정했습니다 (PCA, %2차원 중 2차원). 가장 가까운 테스트 숫자 (하나를 누르세요):</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/inside/inside_tab.py" line="296"/>
        <source>Why this digit? Draw one to see which ink counts for it.</source>
        <translation>왜 이 숫자일까요? 숫자를 쓰면 어떤 잉크가 답에 영향을 주는지 보입니다.</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/inside/inside_tab.py" line="297"/>
        <location filename="../../mnist_studio/ui/inside/inside_tab.py" line="305"/>
        <source>against</source>
        <translation>반대</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/inside/inside_tab.py" line="297"/>
        <location filename="../../mnist_studio/ui/inside/inside_tab.py" line="305"/>
        <source>for</source>
        <translation>찬성</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/inside/inside_tab.py" line="297"/>
        <source>Evidence for the digit</source>
        <translation>숫자의 근거</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/inside/inside_tab.py" line="300"/>
        <source>Why %1? Orange ink is evidence for %1, blue against it.</source>
        <translation>왜 %1일까요? 주황색 잉크는 %1이라는 근거, 파란색은 반대 근거입니다.</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/inside/inside_tab.py" line="306"/>
        <source>Evidence for %1</source>
        <translation>%1의 근거</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/inside/inside_tab.py" line="341"/>
        <location filename="../../mnist_studio/ui/inside/inside_tab.py" line="349"/>
        <source>Draw a digit to see this unit&apos;s numbers.</source>
        <translation>숫자를 쓰면 이 유닛의 숫자들이 보입니다.</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/inside/inside_tab.py" line="345"/>
        <source>%1 has no weights: each value is the largest of a small window of the map above it.</source>
        <translation>%1에는 가중치가 없습니다. 각 값은 위 맵의 작은 창에서 가장 큰 값입니다.</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/inside/inside_tab.py" line="364"/>
        <source>Test digit #%1 (label %2).</source>
        <translation>테스트 숫자 #%1 (정답 %2).</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/inside/inside_tab.py" line="377"/>
        <source>Model:</source>
        <translation>모델:</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/inside/inside_tab.py" line="378"/>
        <source>Pick a digit to ask “what would make it a 9?”. The map multiplies each pixel&apos;s ink by how much it raises that digit&apos;s odds against the other nine; erasing the orange ink first makes the answer fall fastest.</source>
        <translation>숫자를 골라 “무엇이 9로 만들까?”를 물어보세요. 이 그림은 각 픽셀의 잉크에 그 잉크가 다른 아홉 숫자에 비해 그 숫자의 가능성을 얼마나 올리는지를 곱한 것입니다. 주황색 잉크부터 지우면 답이 가장 빨리 떨어집니다.</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/inside/inside_tab.py" line="381"/>
        <source>Every layer, live: each tile is one feature map or unit</source>
        <translation>모든 층을 실시간으로: 타일 하나가 특징 맵 또는 유닛 하나입니다</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/inside/inside_tab.py" line="382"/>
        <source>max</source>
        <translation>최대</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/inside/inside_tab.py" line="382"/>
        <source>Activation, scaled per layer</source>
        <translation>활성값 (층마다 맞춤 배율)</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/inside/inside_tab.py" line="383"/>
        <source>Weight: − blue, 0 white, + orange</source>
        <translation>가중치: − 파랑, 0 흰색, + 주황</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/inside/inside_tab.py" line="384"/>
        <source>Map</source>
        <translation>지도</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/inside/inside_tab.py" line="385"/>
        <source>Weights</source>
        <translation>가중치</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/inside/inside_tab.py" line="386"/>
        <source>Unit</source>
        <translation>유닛</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/inside/inside_tab.py" line="387"/>
        <source>Draw a digit (here or in the Draw tab): this shows which ink made the model choose its answer.</source>
        <translation>숫자를 쓰세요(여기나 그리기 탭에서). 어떤 잉크 때문에 모델이 그 답을 골랐는지 보여 줍니다.</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/inside/inside_tab.py" line="389"/>
        <source>Draw a digit to light up every layer.</source>
        <translation>숫자를 쓰면 모든 층에 불이 켜집니다.</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/inside/inside_tab.py" line="391"/>
        <source>Show the evidence for %1 (click again: the predicted digit)</source>
        <translation>%1의 근거 보기 (다시 누르면 예측한 숫자)</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/inside/texts.py" line="10"/>
        <source>%1, feature map %2, at its strongest position</source>
        <translation>%1, 특징 맵 %2, 가장 강한 위치에서</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/inside/texts.py" line="11"/>
        <source>%1, unit %2</source>
        <translation>%1, 유닛 %2</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/inside/texts.py" line="12"/>
        <source>+ %1 smaller terms</source>
        <translation>+ 더 작은 항 %1개</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/inside/texts.py" line="13"/>
        <source>+ bias</source>
        <translation>+ 편향</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/inside/texts.py" line="14"/>
        <source>= weighted sum</source>
        <translation>= 가중합</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/inside/texts.py" line="15"/>
        <source>ReLU keeps it if positive: %1</source>
        <translation>ReLU는 양수면 그대로 둡니다: %1</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/inside/texts.py" line="16"/>
        <source>softmax over the ten scores: %1</source>
        <translation>점수 10개에 소프트맥스: %1</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/inside/texts.py" line="17"/>
        <source>no activation: %1</source>
        <translation>활성화 함수 없음: %1</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/inside/texts.py" line="18"/>
        <source>Inputs × weights + bias → activation (the %1 largest of %2 terms):</source>
        <translation>입력 × 가중치 + 편향 → 활성화 (항 %2개 중 가장 큰 %1개):</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/inside/texts.py" line="19"/>
        <source>How much erasing each ink pixel alone lowers the digit&apos;s probability (occlusion: this model&apos;s layers cannot be traced step by step)</source>
        <translation>잉크 픽셀을 하나씩 지울 때 이 숫자의 확률이 얼마나 떨어지는지 (가림 방법: 이 모델의 층은 단계별로 따라갈 수 없습니다)</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/inside/texts.py" line="21"/>
        <source>Integrated gradients of the digit&apos;s log-odds against the other nine, averaged over the first filters&apos; window (a convolution reads pixels together)</source>
        <translation>이 숫자의 로그 오즈(다른 아홉 숫자 대비)의 적분 기울기를 첫 필터의 창 크기로 평균 (합성곱은 픽셀을 함께 읽습니다)</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/inside/texts.py" line="23"/>
        <source>Integrated gradients of the digit&apos;s log-odds against the other nine, in rounds: the brightest ink counts most; the next brightest is what counts most once that ink is erased, and so on</source>
        <translation>이 숫자의 로그 오즈(다른 아홉 숫자 대비)의 적분 기울기를 여러 차례로: 가장 밝은 잉크가 가장 크게 작용하고, 그다음 밝은 잉크는 그 잉크를 지운 뒤 가장 크게 작용하는 잉크입니다. 이렇게 이어집니다</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/inside/texts.py" line="87"/>
        <source>%1: %2 feature maps %3%4</source>
        <translation>%1: 특징 맵 %2개 %3%4</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/inside/texts.py" line="90"/>
        <source>%1: max pooling keeps the largest of each window → %2</source>
        <translation>%1: 최대 풀링은 창마다 가장 큰 값을 남깁니다 → %2</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/inside/texts.py" line="93"/>
        <source>%1: the 28×28 image laid out as 784 numbers in a row; which pixel was next to which is gone</source>
        <translation>%1: 28×28 이미지를 숫자 784개로 한 줄에 늘어놓습니다. 어느 픽셀이 어느 픽셀 옆이었는지는 사라집니다</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/inside/texts.py" line="97"/>
        <source>%1: the maps laid out as %2 numbers in a row; the picture&apos;s layout is gone</source>
        <translation>%1: 맵을 숫자 %2개로 한 줄에 늘어놓습니다. 그림의 배치는 사라집니다</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/inside/texts.py" line="101"/>
        <source>%1: 10 scores → softmax → probabilities (click a digit)</source>
        <translation>%1: 점수 10개 → 소프트맥스 → 확률 (숫자를 누르세요)</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/inside/texts.py" line="104"/>
        <source>%1: %2 units sorted by activation%3, %4 active (click one)</source>
        <translation>%1: 유닛 %2개, 활성값 순%3, %4개 활성 (하나를 누르세요)</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/inside/texts.py" line="115"/>
        <source>The %1 kernels of the first convolution (%2×%2): each slides over the image and lights up its feature map where the ink matches.</source>
        <translation>첫 합성곱의 커널 %1개 (%2×%2): 각 커널이 이미지 위를 미끄러지며 잉크가 맞는 곳에서 자기 특징 맵을 밝힙니다.</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/inside/texts.py" line="119"/>
        <source>One template per digit: the model scores a digit by how well the ink matches it.</source>
        <translation>숫자마다 본보기 하나: 모델은 잉크가 본보기와 얼마나 잘 맞는지로 숫자에 점수를 줍니다.</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/inside/texts.py" line="122"/>
        <source>First-layer weights of the units with the strongest weights (of %1), with the drawing multiplied in.</source>
        <translation>가중치가 가장 강한 유닛(%1개 중)의 첫 층 가중치에 그림을 곱한 것입니다.</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/inside/texts.py" line="125"/>
        <source>First-layer weights of the units that fire most for your drawing (of %1), with the drawing multiplied in. Click one.</source>
        <translation>내 그림에 가장 강하게 반응하는 유닛(%1개 중)의 첫 층 가중치에 그림을 곱한 것입니다. 하나를 누르세요.</translation>
    </message>
</context>
<context>
    <name>JoinPanel</name>
    <message>
        <location filename="../../mnist_studio/ui/classroom/join_panel.py" line="154"/>
        <source>On your phone, open</source>
        <translation>휴대폰에서 여세요</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/classroom/join_panel.py" line="155"/>
        <source>Join code</source>
        <translation>참여 코드</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/classroom/join_panel.py" line="156"/>
        <source>The class is closed: nothing on this computer listens. Open it, and students join from the browser on their phones, on the same network as this computer - no app, no account.</source>
        <translation>수업이 닫혀 있습니다. 이 컴퓨터는 아무 연결도 기다리지 않습니다. 수업을 열면 학생들이 이 컴퓨터와 같은 네트워크에서 휴대폰 브라우저로 참여합니다. 앱도 계정도 필요 없습니다.</translation>
    </message>
</context>
<context>
    <name>KerasWorker</name>
    <message>
        <location filename="../../mnist_studio/ui/background/worker.py" line="74"/>
        <source>The training process stopped in the middle of the job (%1). Nothing half-written was kept; the app keeps working and the next job starts a fresh training process.</source>
        <translation>학습 프로세스가 작업 도중에 멈췄습니다(%1). 반쯤 쓰인 파일은 남기지 않았습니다. 앱은 계속 동작하며, 다음 작업은 새 학습 프로세스에서 시작합니다.</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/background/worker.py" line="84"/>
        <location filename="../../mnist_studio/ui/background/worker.py" line="85"/>
        <source>Waiting for TensorFlow to start…</source>
        <translation>TensorFlow가 시작되기를 기다리는 중…</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/background/worker.py" line="86"/>
        <source>Getting the network ready…</source>
        <translation>신경망을 준비하는 중…</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/background/worker.py" line="87"/>
        <source>Waiting for the training to finish…</source>
        <translation>학습이 끝나기를 기다리는 중…</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/background/worker.py" line="88"/>
        <source>Waiting for the fine-tune to finish…</source>
        <translation>미세 조정이 끝나기를 기다리는 중…</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/background/worker.py" line="89"/>
        <source>Waiting for the evaluation to finish…</source>
        <translation>평가가 끝나기를 기다리는 중…</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/background/worker.py" line="90"/>
        <source>Waiting for the Inside tab&apos;s maps to finish…</source>
        <translation>속 보기 탭의 지도 계산이 끝나기를 기다리는 중…</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/background/worker.py" line="91"/>
        <source>Waiting for the running job to finish…</source>
        <translation>실행 중인 작업이 끝나기를 기다리는 중…</translation>
    </message>
</context>
<context>
    <name>LearningView</name>
    <message>
        <location filename="../../mnist_studio/ui/learning/learning_view.py" line="172"/>
        <source>The run&apos;s time-lapse could not be read: %1</source>
        <translation>실행의 타임랩스를 읽을 수 없습니다: %1</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/learning/learning_view.py" line="236"/>
        <source>Snapshot %1 of %2 · epoch %3 · right on the validation digits: %4</source>
        <translation>스냅샷 %1/%2 · 에포크 %3 · 검증 숫자 정답률: %4</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/learning/learning_view.py" line="240"/>
        <source> · training loss %1</source>
        <translation> · 학습 손실 %1</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/learning/learning_view.py" line="242"/>
        <source>Live: %1</source>
        <translation>실시간: %1</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/learning/learning_view.py" line="251"/>
        <source>This network&apos;s first Dense layer does not read the 28x28 pixels directly, so its weights cannot be drawn as digit-sized pictures; the other views still work.</source>
        <translation>이 네트워크의 첫 Dense 층은 28x28 픽셀을 직접 읽지 않아서 가중치를 숫자 크기의 그림으로 그릴 수 없습니다. 다른 보기는 그대로 작동합니다.</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/learning/learning_view.py" line="255"/>
        <source>This network&apos;s first layer (%1) cannot be drawn as pictures; the other views still work.</source>
        <translation>이 네트워크의 첫 층(%1)은 그림으로 그릴 수 없습니다. 다른 보기는 그대로 작동합니다.</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/learning/learning_view.py" line="297"/>
        <source>Could not export the GIF to %1: %2</source>
        <translation>GIF를 %1에 내보낼 수 없습니다: %2</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/learning/learning_view.py" line="292"/>
        <source>GIF saved to %1 (%2 frames)</source>
        <translation>GIF를 %1에 저장했습니다 (%2프레임)</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/learning/learning_view.py" line="281"/>
        <source>the app is closing</source>
        <translation>앱이 닫히는 중입니다</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/learning/learning_view.py" line="284"/>
        <source>Writing the GIF to %1…</source>
        <translation>GIF를 %1에 저장하는 중…</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/learning/learning_view.py" line="305"/>
        <source>Export time-lapse</source>
        <translation>타임랩스 내보내기</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/learning/learning_view.py" line="318"/>
        <source>Press Train to watch the network learn: its first layer, its mistakes, the map of the digits and your drawing change as it trains.</source>
        <translation>학습을 누르면 네트워크가 배우는 모습을 볼 수 있습니다: 학습하는 동안 첫 층, 실수, 숫자 지도, 여러분의 그림이 바뀝니다.</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/learning/learning_view.py" line="320"/>
        <source>Waiting for the first snapshot…</source>
        <translation>첫 스냅샷을 기다리는 중…</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/learning/learning_view.py" line="321"/>
        <source>This run has no time-lapse (it was trained before snapshots were kept, or stopped before the first one).</source>
        <translation>이 실행에는 타임랩스가 없습니다 (스냅샷을 저장하기 전에 학습했거나, 첫 스냅샷 전에 멈췄습니다).</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/learning/learning_view.py" line="330"/>
        <source>First layer: %1 kernels</source>
        <translation>첫 층: 커널 %1개</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/learning/learning_view.py" line="333"/>
        <source>First layer: %1 units as pictures</source>
        <translation>첫 층: 유닛 %1개를 그림으로</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/learning/learning_view.py" line="336"/>
        <source>First layer</source>
        <translation>첫 층</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/learning/learning_view.py" line="338"/>
        <source>Mistakes on %1 validation digits</source>
        <translation>검증 숫자 %1개에서의 실수</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/learning/learning_view.py" line="340"/>
        <source>Map of %1 validation digits</source>
        <translation>검증 숫자 %1개의 지도</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/learning/learning_view.py" line="341"/>
        <source>Your drawing, as the network reads it</source>
        <translation>네트워크가 읽은 여러분의 그림</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/learning/learning_view.py" line="344"/>
        <source>What each kernel sees in this digit:</source>
        <translation>각 커널이 이 숫자에서 보는 것:</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/learning/learning_view.py" line="345"/>
        <source>true</source>
        <translation>정답</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/learning/learning_view.py" line="345"/>
        <source>answer</source>
        <translation>답</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/learning/learning_view.py" line="346"/>
        <source>No map</source>
        <translation>지도 없음</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/learning/learning_view.py" line="347"/>
        <source>No drawing: draw a digit in the Draw tab, and the network reads it at every snapshot.</source>
        <translation>그림 없음: 그리기 탭에서 숫자를 그리면 네트워크가 스냅샷마다 읽습니다.</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../mnist_studio/ui/extra_panels.py" line="40"/>
        <source>Your %1</source>
        <translation>내 %1</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/extra_panels.py" line="40"/>
        <source>%1 + you</source>
        <translation>%1 + 나</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/main_window.py" line="266"/>
        <source>Translation files for %1 are missing.</source>
        <translation>%1 번역 파일이 없습니다.</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/main_window.py" line="274"/>
        <source>MNIST Studio</source>
        <translation>MNIST 스튜디오</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/main_window.py" line="276"/>
        <source>Draw</source>
        <translation>그리기</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/help_overlay.py" line="115"/>
        <location filename="../../mnist_studio/ui/main_window.py" line="277"/>
        <source>Train</source>
        <translation>학습</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/main_window.py" line="278"/>
        <source>Evaluate</source>
        <translation>평가</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/main_window.py" line="281"/>
        <source>My digits</source>
        <translation>내 숫자</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/main_window.py" line="282"/>
        <source>Collect your handwriting, score the models, teach one your hand (Ctrl+5)</source>
        <translation>내 손글씨를 모으고, 모델을 채점하고, 모델에게 내 글씨를 가르칩니다 (Ctrl+5)</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/main_window.py" line="276"/>
        <source>Draw a digit and see what the models think (Ctrl+1)</source>
        <translation>숫자를 쓰고 모델의 생각을 보세요 (Ctrl+1)</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/main_window.py" line="277"/>
        <source>Train an MLP or a CNN and watch it learn (Ctrl+2)</source>
        <translation>MLP나 CNN을 학습시키며 지켜보세요 (Ctrl+2)</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/main_window.py" line="278"/>
        <source>See where and why a model fails (Ctrl+3)</source>
        <translation>모델이 어디서 왜 틀리는지 보세요 (Ctrl+3)</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/main_window.py" line="279"/>
        <source>Inside</source>
        <translation>속 보기</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/main_window.py" line="280"/>
        <source>See what every layer does with your drawing, and why (Ctrl+4)</source>
        <translation>모든 층이 내 그림으로 무엇을 하는지, 왜 그런지 봅니다 (Ctrl+4)</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/help_overlay.py" line="121"/>
        <location filename="../../mnist_studio/ui/main_window.py" line="285"/>
        <source>Projector mode</source>
        <translation>프로젝터 모드</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/main_window.py" line="286"/>
        <source>Full screen, large and high-contrast (F11)</source>
        <translation>전체 화면, 큰 글씨, 고대비 (F11)</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/main_window.py" line="287"/>
        <source>Shortcuts</source>
        <translation>단축키</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/main_window.py" line="288"/>
        <source>Keyboard shortcuts (F1 or ?)</source>
        <translation>키보드 단축키 (F1 또는 ?)</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/main_window.py" line="289"/>
        <source>System theme</source>
        <translation>시스템 테마</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/main_window.py" line="289"/>
        <source>Light</source>
        <translation>밝게</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/main_window.py" line="290"/>
        <source>Dark</source>
        <translation>어둡게</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/help_overlay.py" line="110"/>
        <source>Draw, Train, Evaluate, Inside tab</source>
        <translation>그리기, 학습, 평가, 속 보기 탭</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/help_overlay.py" line="111"/>
        <source>My digits tab</source>
        <translation>내 숫자 탭</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/help_overlay.py" line="112"/>
        <source>Clear the drawing</source>
        <translation>그림 지우기</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/help_overlay.py" line="113"/>
        <source>Undo the last stroke</source>
        <translation>마지막 획 취소</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/help_overlay.py" line="114"/>
        <source>Thinner / thicker pen</source>
        <translation>펜 가늘게 / 굵게</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/help_overlay.py" line="116"/>
        <source>Stop training</source>
        <translation>학습 멈추기</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/help_overlay.py" line="117"/>
        <source>Evaluate the chosen model</source>
        <translation>선택한 모델 평가</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/help_overlay.py" line="118"/>
        <source>Open a .keras model</source>
        <translation>.keras 모델 열기</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/help_overlay.py" line="119"/>
        <source>Next / previous gallery image</source>
        <translation>갤러리 다음 / 이전 이미지</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/help_overlay.py" line="120"/>
        <source>Show the chosen image in the Draw tab</source>
        <translation>선택한 이미지를 그리기 탭에서 보기</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/help_overlay.py" line="122"/>
        <source>This help</source>
        <translation>이 도움말</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/help_overlay.py" line="123"/>
        <source>Quit</source>
        <translation>종료</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/main_window.py" line="294"/>
        <source>Keyboard shortcuts</source>
        <translation>키보드 단축키</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/main_window.py" line="295"/>
        <source>Press any key to close</source>
        <translation>아무 키나 누르면 닫힙니다</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/device_line.py" line="89"/>
        <source>Starting TensorFlow…</source>
        <translation>TensorFlow 시작 중…</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/device_line.py" line="93"/>
        <source>Training on GPU — %1</source>
        <translation>GPU에서 학습 — %1</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/device_line.py" line="95"/>
        <source>Training on CPU — no GPU found (%1)</source>
        <translation>CPU에서 학습 — GPU 없음 (%1)</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/class_link.py" line="26"/>
        <source>Teach the class&apos;s hand</source>
        <translation>우리 반 손글씨 가르치기</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/class_link.py" line="26"/>
        <source>My digits has unsaved digits. Replace them with the class set? (The class set is saved.)</source>
        <translation>내 숫자 탭에 저장하지 않은 숫자가 있습니다. 수업 세트로 바꿀까요? (수업 세트는 저장되어 있습니다.)</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/class_link.py" line="38"/>
        <source>Class</source>
        <translation>수업</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/class_link.py" line="39"/>
        <source>The whole class draws on their phones; the projector shows what the models make of it (Ctrl+6)</source>
        <translation>반 전체가 휴대폰으로 숫자를 쓰고, 프로젝터에 모델이 그것을 어떻게 읽는지 보여 줍니다 (Ctrl+6)</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/class_link.py" line="46"/>
        <source>Class tab</source>
        <translation>수업 탭</translation>
    </message>
</context>
<context>
    <name>MnistPreview</name>
    <message>
        <location filename="../../mnist_studio/ui/common/preview.py" line="25"/>
        <source>What the models see: your drawing as a 28x28 MNIST image</source>
        <translation>모델이 보는 것: 내 그림을 28x28 MNIST 이미지로 바꾼 것</translation>
    </message>
</context>
<context>
    <name>MyDigitsTab</name>
    <message>
        <location filename="../../mnist_studio/ui/mydigits/mydigits_tab.py" line="83"/>
        <source>Run: %1</source>
        <translation>실행: %1</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/mydigits/mydigits_tab.py" line="134"/>
        <source>Digit sets (*.npz)</source>
        <translation>숫자 세트 (*.npz)</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/mydigits/mydigits_tab.py" line="161"/>
        <source>Saved 1 digit in %2 (another set is already called %3; it was kept as it was)</source>
        <translation>숫자 1개를 %2에 저장했습니다 (%3 이름의 다른 세트가 이미 있어 그대로 두었습니다)</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/mydigits/mydigits_tab.py" line="162"/>
        <source>Saved %1 digits in %2 (another set is already called %3; it was kept as it was)</source>
        <translation>숫자 %1개를 %2에 저장했습니다 (%3 이름의 다른 세트가 이미 있어 그대로 두었습니다)</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/mydigits/mydigits_tab.py" line="164"/>
        <source>Saved %1 digits in %2</source>
        <translation>숫자 %1개를 %2에 저장했습니다</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/mydigits/mydigits_tab.py" line="164"/>
        <source>Saved 1 digit in %2</source>
        <translation>숫자 1개를 %2에 저장했습니다</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/mydigits/mydigits_tab.py" line="186"/>
        <source>Re-rendered 1 digit with today&apos;s preprocessing; save to keep it</source>
        <translation>숫자 1개를 지금의 전처리로 다시 만들었습니다. 유지하려면 저장하세요</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/mydigits/mydigits_tab.py" line="188"/>
        <source>Re-rendered %1 digits with today&apos;s preprocessing; save to keep it</source>
        <translation>숫자 %1개를 지금의 전처리로 다시 만들었습니다. 유지하려면 저장하세요</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/mydigits/mydigits_tab.py" line="203"/>
        <source>Open a digit set</source>
        <translation>숫자 세트 열기</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/mydigits/mydigits_tab.py" line="209"/>
        <source>Export the digit set</source>
        <translation>숫자 세트 내보내기</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/mydigits/mydigits_tab.py" line="217"/>
        <source>Choose the students&apos; sets to merge</source>
        <translation>합칠 학생들의 세트를 고르세요</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/mydigits/mydigits_tab.py" line="220"/>
        <source>Class set</source>
        <translation>반 전체 세트</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/mydigits/mydigits_tab.py" line="220"/>
        <source>Merged %1 sets: %2 digits by %3 writers.</source>
        <translation>세트 %1개를 합쳤습니다: 글쓴이 %3명의 숫자 %2개.</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/mydigits/mydigits_tab.py" line="228"/>
        <source>Draw some digits and wait for the models to load first.</source>
        <translation>먼저 숫자를 몇 개 쓰고 모델을 불러올 때까지 기다리세요.</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/mydigits/mydigits_tab.py" line="229"/>
        <source>The set is empty: draw some digits first.</source>
        <translation>세트가 비어 있습니다. 먼저 숫자를 몇 개 쓰세요.</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/mydigits/mydigits_tab.py" line="242"/>
        <source>this set</source>
        <translation>이 세트</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/mydigits/mydigits_tab.py" line="272"/>
        <source>Your digits</source>
        <translation>내 숫자</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/mydigits/mydigits_tab.py" line="273"/>
        <source>Score</source>
        <translation>채점</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/mydigits/mydigits_tab.py" line="274"/>
        <source>Fine-tune</source>
        <translation>미세 조정</translation>
    </message>
</context>
<context>
    <name>PredictionPanel</name>
    <message>
        <location filename="../../mnist_studio/ui/common/prediction.py" line="284"/>
        <source>loading models…</source>
        <translation>모델 불러오는 중…</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/common/prediction.py" line="287"/>
        <source>Could not load this model: %1</source>
        <translation>이 모델을 불러올 수 없습니다: %1</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/common/prediction.py" line="290"/>
        <source>draw a digit</source>
        <translation>숫자를 쓰세요</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/common/prediction.py" line="297"/>
        <source>not a digit? (closest: %1)</source>
        <translation>숫자가 아닌가요? (가까운 숫자: %1)</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/common/prediction.py" line="301"/>
        <source>unsure: maybe %1 (%2) or %3</source>
        <translation>잘 모르겠음: %1 (%2) 또는 %3</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/common/prediction.py" line="305"/>
        <source>%1 confident</source>
        <translation>확신도 %1</translation>
    </message>
</context>
<context>
    <name>Presets</name>
    <message>
        <location filename="../../mnist_studio/ui/look/texts.py" line="10"/>
        <source>MLP (tuned)</source>
        <translation>MLP (튜닝됨)</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/look/texts.py" line="11"/>
        <source>CNN (tuned)</source>
        <translation>CNN (튜닝됨)</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/look/texts.py" line="12"/>
        <source>MLP 256 (course notes)</source>
        <translation>MLP 256 (강의 노트)</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/look/texts.py" line="13"/>
        <source>MLP 1000 (course notes)</source>
        <translation>MLP 1000 (강의 노트)</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/look/texts.py" line="14"/>
        <source>CNN (course notes)</source>
        <translation>CNN (강의 노트)</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/look/texts.py" line="15"/>
        <source>Dense 512-256 with dropout, one-cycle learning rate.</source>
        <translation>Dense 512-256과 드롭아웃, 원사이클 학습률.</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/look/texts.py" line="16"/>
        <source>Three small 3x3 conv layers (16-32-64), Dense 128 with dropout, light augmentation, one-cycle learning rate.</source>
        <translation>작은 3x3 합성곱 층 3개(16-32-64), 드롭아웃을 쓴 Dense 128, 가벼운 데이터 증강, 원사이클 학습률.</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/look/texts.py" line="17"/>
        <source>Flatten -&gt; Dense 256 relu -&gt; 10 softmax.</source>
        <translation>Flatten -&gt; Dense 256 relu -&gt; 10 softmax.</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/look/texts.py" line="18"/>
        <source>Flatten -&gt; Dense 1000 relu -&gt; 10 softmax.</source>
        <translation>Flatten -&gt; Dense 1000 relu -&gt; 10 softmax.</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/look/texts.py" line="19"/>
        <source>Conv 5x5x32 -&gt; pool -&gt; Conv 2x2x64 -&gt; pool -&gt; dropout -&gt; Dense 1000 -&gt; 10.</source>
        <translation>Conv 5x5x32 -&gt; 풀링 -&gt; Conv 2x2x64 -&gt; 풀링 -&gt; 드롭아웃 -&gt; Dense 1000 -&gt; 10.</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/look/texts.py" line="20"/>
        <source>Softmax only (course notes)</source>
        <translation>소프트맥스만 (강의 노트)</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/look/texts.py" line="21"/>
        <source>Overfitting demo</source>
        <translation>과적합 시연</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/look/texts.py" line="22"/>
        <source>MLP (your design)</source>
        <translation>MLP (직접 설계)</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/look/texts.py" line="23"/>
        <source>CNN (your design)</source>
        <translation>CNN (직접 설계)</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/look/texts.py" line="24"/>
        <source>A network with no hidden layer: Flatten -&gt; Dense 10 softmax (multinomial logistic regression), about 92 %.</source>
        <translation>은닉층이 없는 신경망: Flatten -&gt; Dense 10 softmax (다항 로지스틱 회귀), 약 92 %.</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/look/texts.py" line="25"/>
        <source>Small data, no augmentation: an MLP 512-512 on 1,500 images (1,000 to learn from, 500 kept back to check it) for 40 epochs. Watch validation loss turn up while training loss keeps falling.</source>
        <translation>적은 데이터, 증강 없음: 이미지 1,500개(학습용 1,000개, 검증용으로 남겨 둔 500개)로 MLP 512-512를 40 에포크 학습합니다. 훈련 손실은 계속 내려가는데 검증 손실이 다시 올라가는 것을 보세요.</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/look/texts.py" line="26"/>
        <source>Your hidden layers: units per layer, activation and dropout.</source>
        <translation>은닉층을 직접 정합니다: 층마다 유닛 수, 활성화 함수, 드롭아웃.</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/look/texts.py" line="27"/>
        <source>Your conv blocks (filters per block, kernel size, pooling) and dense head, with light augmentation.</source>
        <translation>합성곱 블록(블록마다 필터 수, 커널 크기, 풀링)과 Dense 층을 직접 정합니다. 가벼운 데이터 증강을 씁니다.</translation>
    </message>
</context>
<context>
    <name>QFileDialog</name>
    <message>
        <location filename="../../mnist_studio/ui/look/i18n.py" line="14"/>
        <source>&amp;Look in:</source>
        <translation>찾는 위치(&amp;L):</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/look/i18n.py" line="14"/>
        <source>Files of &amp;type:</source>
        <translation>파일 형식(&amp;T):</translation>
    </message>
</context>
<context>
    <name>RunsTable</name>
    <message>
        <location filename="../../mnist_studio/ui/evaluate/runs_table.py" line="30"/>
        <source>completed</source>
        <translation>완료</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/evaluate/runs_table.py" line="31"/>
        <source>stopped</source>
        <translation>중지됨</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/evaluate/runs_table.py" line="32"/>
        <source>failed</source>
        <translation>실패</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/evaluate/runs_table.py" line="82"/>
        <source>Name</source>
        <translation>이름</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/evaluate/runs_table.py" line="82"/>
        <source>Preset</source>
        <translation>프리셋</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/evaluate/runs_table.py" line="82"/>
        <source>Settings</source>
        <translation>설정</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/evaluate/runs_table.py" line="82"/>
        <source>Training images</source>
        <translation>학습 이미지 수</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/evaluate/runs_table.py" line="83"/>
        <source>Parameters</source>
        <translation>파라미터</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/evaluate/runs_table.py" line="83"/>
        <source>Epochs</source>
        <translation>에포크</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/evaluate/runs_table.py" line="83"/>
        <source>Batch</source>
        <translation>배치</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/evaluate/runs_table.py" line="83"/>
        <source>Learning rate</source>
        <translation>학습률</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/evaluate/runs_table.py" line="83"/>
        <source>Device</source>
        <translation>장치</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/evaluate/runs_table.py" line="84"/>
        <source>Training time</source>
        <translation>학습 시간</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/evaluate/runs_table.py" line="84"/>
        <source>Train accuracy</source>
        <translation>학습 정확도</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/evaluate/runs_table.py" line="84"/>
        <source>Validation accuracy</source>
        <translation>검증 정확도</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/evaluate/runs_table.py" line="85"/>
        <source>Test accuracy</source>
        <translation>테스트 정확도</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/evaluate/runs_table.py" line="85"/>
        <source>Test loss</source>
        <translation>테스트 손실</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/evaluate/runs_table.py" line="85"/>
        <source>Status</source>
        <translation>상태</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/evaluate/runs_table.py" line="85"/>
        <source>Date</source>
        <translation>날짜</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/evaluate/runs_table.py" line="135"/>
        <source>augmented</source>
        <translation>증강 사용</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/evaluate/runs_table.py" line="135"/>
        <source>no augmentation</source>
        <translation>증강 없음</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/evaluate/runs_table.py" line="185"/>
        <source>A run&apos;s name cannot be empty; it keeps the name “%1”.</source>
        <translation>실행 이름은 비워 둘 수 없습니다. “%1” 이름을 그대로 씁니다.</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/evaluate/runs_table.py" line="188"/>
        <source>Could not rename the run: it is no longer in %1 (moved or deleted?).</source>
        <translation>실행 이름을 바꿀 수 없습니다: 더 이상 %1에 없습니다 (옮기거나 지웠나요?).</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/evaluate/runs_table.py" line="191"/>
        <source>Could not rename “%1”: %2</source>
        <translation>“%1”의 이름을 바꿀 수 없습니다: %2</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/evaluate/runs_table.py" line="220"/>
        <source>“%1” is no longer in the runs folder</source>
        <translation>“%1”이(가) 더 이상 실행 폴더에 없습니다</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/evaluate/runs_table.py" line="226"/>
        <source>Could not delete %1 of %2 run(s): %3</source>
        <translation>실행 %2개 중 %1개를 지울 수 없습니다: %3</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/evaluate/runs_table.py" line="208"/>
        <source>Delete runs</source>
        <translation>실행 삭제</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/evaluate/runs_table.py" line="209"/>
        <source>Delete %1 run(s) and their models? This cannot be undone.</source>
        <translation>실행 %1개와 그 모델을 삭제할까요? 되돌릴 수 없습니다.</translation>
    </message>
</context>
<context>
    <name>SampleDetail</name>
    <message>
        <location filename="../../mnist_studio/ui/evaluate/sample_detail.py" line="75"/>
        <source>Test image #%1: true %2, predicted %3 (%4)</source>
        <translation>테스트 이미지 #%1: 정답 %2, 예측 %3 (%4)</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/evaluate/sample_detail.py" line="72"/>
        <source>Click a thumbnail to see it large.</source>
        <translation>썸네일을 클릭하면 크게 보입니다.</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/evaluate/sample_detail.py" line="66"/>
        <source>Show in the Draw tab</source>
        <translation>그리기 탭에서 보기</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/evaluate/sample_detail.py" line="67"/>
        <source>See how every model reads this image (Ctrl+D)</source>
        <translation>모든 모델이 이 이미지를 어떻게 읽는지 보기 (Ctrl+D)</translation>
    </message>
</context>
<context>
    <name>SampleGallery</name>
    <message>
        <location filename="../../mnist_studio/ui/common/gallery.py" line="78"/>
        <source>#%1: true %2, predicted %3 (%4)</source>
        <translation>#%1: 정답 %2, 예측 %3 (%4)</translation>
    </message>
</context>
<context>
    <name>ScoreView</name>
    <message>
        <location filename="../../mnist_studio/ui/mydigits/score_view.py" line="46"/>
        <location filename="../../mnist_studio/ui/mydigits/score_view.py" line="98"/>
        <source>your label</source>
        <translation>내가 붙인 답</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/mydigits/score_view.py" line="46"/>
        <location filename="../../mnist_studio/ui/mydigits/score_view.py" line="98"/>
        <source>model&apos;s answer</source>
        <translation>모델의 답</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/mydigits/score_view.py" line="71"/>
        <source>&lt;b&gt;%1&lt;/b&gt;: %2 right (%3 of %4), %5 wrong</source>
        <translation>&lt;b&gt;%1&lt;/b&gt;: %2 맞음 (%4개 중 %3개), %5개 틀림</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/mydigits/score_view.py" line="65"/>
        <location filename="../../mnist_studio/ui/mydigits/score_view.py" line="102"/>
        <source>Click a cell to see those digits.</source>
        <translation>칸을 누르면 그 숫자들을 볼 수 있습니다.</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/mydigits/score_view.py" line="90"/>
        <source>%1: %2 digit(s) labelled %3, read as %4</source>
        <translation>%1: %3(으)로 붙였는데 %4(으)로 읽은 숫자 %2개</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/mydigits/score_view.py" line="95"/>
        <source>Score the models on this set</source>
        <translation>이 세트로 모델 채점</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/mydigits/score_view.py" line="96"/>
        <source>Every loaded model reads every digit of the set; nothing is trained.</source>
        <translation>불러온 모든 모델이 세트의 모든 숫자를 읽습니다. 학습은 하지 않습니다.</translation>
    </message>
</context>
<context>
    <name>SetView</name>
    <message>
        <location filename="../../mnist_studio/ui/mydigits/set_view.py" line="35"/>
        <source>#%1: labelled %2, by %3</source>
        <translation>#%1: 답 %2, 글쓴이 %3</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/mydigits/set_view.py" line="119"/>
        <source>%1 digits (%2) by %3</source>
        <translation>숫자 %1개 (%2), 글쓴이 %3</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/mydigits/set_view.py" line="119"/>
        <source>1 digit (%2) by %3</source>
        <translation>숫자 1개 (%2), 글쓴이 %3</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/mydigits/set_view.py" line="141"/>
        <source>Fix its label:</source>
        <translation>답 고치기:</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/mydigits/set_view.py" line="142"/>
        <source>Delete it (Del)</source>
        <translation>삭제 (Del)</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/mydigits/set_view.py" line="143"/>
        <source>New set</source>
        <translation>새 세트</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/mydigits/set_view.py" line="144"/>
        <source>Open / import…</source>
        <translation>열기 / 가져오기…</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/mydigits/set_view.py" line="145"/>
        <source>Save</source>
        <translation>저장</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/mydigits/set_view.py" line="146"/>
        <source>Export…</source>
        <translation>내보내기…</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/mydigits/set_view.py" line="147"/>
        <source>Merge sets…</source>
        <translation>세트 합치기…</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/mydigits/set_view.py" line="148"/>
        <source>Start an empty set</source>
        <translation>빈 세트로 시작</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/mydigits/set_view.py" line="149"/>
        <source>Open a saved set, or import one from a USB stick or shared folder</source>
        <translation>저장한 세트를 열거나 USB 메모리나 공유 폴더에서 가져옵니다</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/mydigits/set_view.py" line="150"/>
        <source>Save in your data folder (Ctrl+S)</source>
        <translation>데이터 폴더에 저장 (Ctrl+S)</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/mydigits/set_view.py" line="151"/>
        <source>Write the set as a .npz file anywhere</source>
        <translation>세트를 원하는 곳에 .npz 파일로 씁니다</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/mydigits/set_view.py" line="152"/>
        <source>Combine several students&apos; sets into one class set</source>
        <translation>여러 학생의 세트를 반 전체 세트 하나로 합칩니다</translation>
    </message>
</context>
<context>
    <name>TimelapseBar</name>
    <message>
        <location filename="../../mnist_studio/ui/learning/timelapse.py" line="135"/>
        <source>Pause</source>
        <translation>일시 정지</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/learning/timelapse.py" line="135"/>
        <source>Play</source>
        <translation>재생</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/learning/timelapse.py" line="136"/>
        <source>Replay the run snapshot by snapshot</source>
        <translation>실행을 스냅샷마다 다시 재생합니다</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/learning/timelapse.py" line="137"/>
        <source>Drag to move through the run&apos;s snapshots</source>
        <translation>끌어서 실행의 스냅샷 사이를 이동합니다</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/learning/timelapse.py" line="138"/>
        <source>Export GIF…</source>
        <translation>GIF 내보내기…</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/learning/timelapse.py" line="139"/>
        <source>Save the time-lapse as an animated GIF for slides</source>
        <translation>발표 자료용 움직이는 GIF로 타임랩스를 저장합니다</translation>
    </message>
</context>
<context>
    <name>TrainTab</name>
    <message>
        <location filename="../../mnist_studio/ui/train/design_form.py" line="335"/>
        <source>training-set size must be a whole number</source>
        <translation>학습 이미지 수는 정수여야 합니다</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/train/train_tab.py" line="157"/>
        <source>Device: starting TensorFlow…</source>
        <translation>장치: TensorFlow 시작 중…</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/train/train_tab.py" line="161"/>
        <source>Device: GPU — %1</source>
        <translation>장치: GPU — %1</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/train/train_tab.py" line="163"/>
        <source>Device: CPU — no GPU found (%1)</source>
        <translation>장치: CPU — GPU 없음 (%1)</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/train/arch_view.py" line="76"/>
        <source>Architecture: loading…</source>
        <translation>구조: 불러오는 중…</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/train/arch_view.py" line="159"/>
        <source>Total parameters: %1</source>
        <translation>전체 파라미터: %1</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/train/train_tab.py" line="201"/>
        <location filename="../../mnist_studio/ui/train/train_tab.py" line="286"/>
        <source>Preparing data…</source>
        <translation>데이터 준비 중…</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/train/train_tab.py" line="209"/>
        <source>Stopping after this batch…</source>
        <translation>이번 배치 후 멈추는 중…</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/train/train_tab.py" line="272"/>
        <source>Epoch %1/%2 · batch %3/%4 · %5 images/s · ETA %6</source>
        <translation>에포크 %1/%2 · 배치 %3/%4 · 초당 %5장 · 남은 시간 %6</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/train/train_tab.py" line="286"/>
        <source>Training…</source>
        <translation>학습 중…</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/train/train_tab.py" line="288"/>
        <source>Saving the run…</source>
        <translation>실행 저장 중…</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/train/train_tab.py" line="303"/>
        <location filename="../../mnist_studio/ui/train/train_tab.py" line="341"/>
        <source>Training failed.</source>
        <translation>학습 실패.</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/train/train_tab.py" line="318"/>
        <source>Completed</source>
        <translation>완료</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/train/train_tab.py" line="318"/>
        <source>Stopped</source>
        <translation>중지됨</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/train/train_tab.py" line="126"/>
        <source>A large network: %1 parameters, about %2 of memory. Training will be slow on a laptop.</source>
        <translation>큰 네트워크입니다: 파라미터 %1개, 메모리 약 %2. 노트북에서는 학습이 느릴 것입니다.</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/train/train_tab.py" line="225"/>
        <source>training</source>
        <translation>학습 중</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/train/train_tab.py" line="238"/>
        <source>Closing: saving the partly trained model…</source>
        <translation>닫는 중: 일부 학습된 모델을 저장하는 중…</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/train/train_tab.py" line="239"/>
        <source>Closing: stopping the training…</source>
        <translation>닫는 중: 학습을 멈추는 중…</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/train/train_tab.py" line="287"/>
        <source>Evaluating once on the %1 test images…</source>
        <translation>테스트 이미지 %1장으로 한 번 평가하는 중…</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/train/train_tab.py" line="320"/>
        <source>%1 in %2 s · test accuracy %3 (on %4 test images, measured once, at the end)</source>
        <translation>%1, %2초 · 테스트 정확도 %3 (테스트 이미지 %4장, 마지막에 한 번 측정)</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/train/train_tab.py" line="323"/>
        <source>%1 in %2 s · not evaluated on the test images</source>
        <translation>%1, %2초 · 테스트 이미지로 평가하지 않음</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/train/train_tab.py" line="328"/>
        <source>The trained model is still in memory: save it elsewhere.</source>
        <translation>학습된 모델은 아직 메모리에 있습니다: 다른 곳에 저장하세요.</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/train/train_tab.py" line="330"/>
        <source>Saved as run “%1”. Try it in the Draw tab.</source>
        <translation>실행 “%1”(으)로 저장했습니다. 그리기 탭에서 써 보세요.</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/train/train_tab.py" line="340"/>
        <source>Training could not run: %1</source>
        <translation>학습을 실행할 수 없습니다: %1</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/train/train_tab.py" line="356"/>
        <source>Model saved to %1</source>
        <translation>모델을 %1 에 저장했습니다</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/train/train_tab.py" line="359"/>
        <source>Save model as</source>
        <translation>모델을 다른 이름으로 저장</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/train/train_tab.py" line="360"/>
        <source>Keras model (*.keras)</source>
        <translation>Keras 모델 (*.keras)</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/train/run_panel.py" line="210"/>
        <source>Could not export the chart to %1: %2</source>
        <translation>차트를 %1(으)로 내보낼 수 없습니다: %2</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/train/run_panel.py" line="213"/>
        <source>Chart saved to %1</source>
        <translation>차트를 %1에 저장했습니다</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/train/run_panel.py" line="217"/>
        <source>Export chart</source>
        <translation>차트 내보내기</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/train/design_form.py" line="266"/>
        <source>Experiment: the network you had, with one more hidden layer (%1). Train it and compare the runs in Evaluate.</source>
        <translation>실험: 지금의 네트워크에 은닉층을 하나 더한 것입니다 (%1). 학습시킨 뒤 평가 탭에서 실행을 비교하세요.</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/train/design_form.py" line="287"/>
        <source>Dropout must be a number from 0 to 0.9, e.g. 0.2 (got “%1”)</source>
        <translation>드롭아웃은 0에서 0.9 사이의 숫자여야 합니다. 예: 0.2 (입력: “%1”)</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/train/design_form.py" line="305"/>
        <source>Learning rate must be a positive number such as 0.001, got “%1”</source>
        <translation>학습률은 0.001 같은 양수여야 합니다 (입력: “%1”)</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/train/design_form.py" line="311"/>
        <source>Training images must be a whole number such as 10,000, got “%1”</source>
        <translation>학습 이미지 수는 10,000 같은 정수여야 합니다 (입력: “%1”)</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/train/design_form.py" line="318"/>
        <source>Validation images must be a whole number or “auto”, got “%1”</source>
        <translation>검증 이미지 수는 정수나 “auto”여야 합니다 (입력: “%1”)</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/train/design_form.py" line="341"/>
        <source>This network has %1 parameters and needs about %2 of memory to train: too large for a lesson (at most %3). Use fewer or smaller layers.</source>
        <translation>이 네트워크는 파라미터가 %1개이고 학습에 메모리가 약 %2 필요합니다: 수업용으로는 너무 큽니다 (최대 %3). 층을 줄이거나 작게 하세요.</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/train/design_form.py" line="372"/>
        <location filename="../../mnist_studio/ui/train/design_form.py" line="377"/>
        <source>Split: fix the field in red first.</source>
        <translation>분할: 먼저 빨간 칸을 고치세요.</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/train/design_form.py" line="379"/>
        <source>%1 train · %2 validation · %3 test</source>
        <translation>학습 %1 · 검증 %2 · 테스트 %3</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/train/design_form.py" line="382"/>
        <source>Validation images are held out from the training images (the same ones every run); the test images are used once, at the end.</source>
        <translation>검증 이미지는 학습 이미지에서 떼어 둡니다 (실행마다 같은 이미지). 테스트 이미지는 마지막에 한 번만 씁니다.</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/train/form_texts.py" line="16"/>
        <source>Model</source>
        <translation>모델</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/train/form_texts.py" line="17"/>
        <source>Your network</source>
        <translation>내 네트워크</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/train/form_texts.py" line="18"/>
        <source>Hyper-parameters</source>
        <translation>하이퍼파라미터</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/train/form_texts.py" line="19"/>
        <source>Data</source>
        <translation>데이터</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/train/form_texts.py" line="20"/>
        <source>Epochs</source>
        <translation>에포크</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/train/form_texts.py" line="21"/>
        <source>Batch size</source>
        <translation>배치 크기</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/train/form_texts.py" line="22"/>
        <source>Learning rate</source>
        <translation>학습률</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/train/form_texts.py" line="23"/>
        <source>Optimizer</source>
        <translation>옵티마이저</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/train/form_texts.py" line="24"/>
        <source>Training images</source>
        <translation>학습 이미지 수</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/train/form_texts.py" line="25"/>
        <source>Validation images</source>
        <translation>검증 이미지 수</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/train/form_texts.py" line="26"/>
        <source>Augmentation</source>
        <translation>데이터 증강</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/train/form_texts.py" line="27"/>
        <source>Early stopping</source>
        <translation>조기 종료</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/train/form_texts.py" line="30"/>
        <source>Hidden layers</source>
        <translation>은닉층</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/train/form_texts.py" line="31"/>
        <source>Conv filters</source>
        <translation>합성곱 필터</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/train/form_texts.py" line="32"/>
        <source>Kernel</source>
        <translation>커널</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/train/form_texts.py" line="33"/>
        <source>Pooling</source>
        <translation>풀링</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/train/form_texts.py" line="34"/>
        <source>Dense head</source>
        <translation>Dense 출력부</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/train/form_texts.py" line="35"/>
        <source>Activation</source>
        <translation>활성화 함수</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/train/form_texts.py" line="36"/>
        <source>Dropout</source>
        <translation>드롭아웃</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/train/form_texts.py" line="39"/>
        <source>units per layer, e.g. 512,256</source>
        <translation>층마다 유닛 수, 예: 512,256</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/train/form_texts.py" line="40"/>
        <source>One number per hidden layer: its units. 512,256 = two layers.</source>
        <translation>은닉층마다 숫자 하나: 그 층의 유닛 수. 512,256 = 층 두 개.</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/train/form_texts.py" line="42"/>
        <source>filters per block, e.g. 16,32,64</source>
        <translation>블록마다 필터 수, 예: 16,32,64</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/train/form_texts.py" line="43"/>
        <source>One number per convolution block: its filters.</source>
        <translation>합성곱 블록마다 숫자 하나: 그 블록의 필터 수.</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/train/form_texts.py" line="44"/>
        <source>units, e.g. 128 (empty: none)</source>
        <translation>유닛 수, 예: 128 (비우면 없음)</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/train/form_texts.py" line="45"/>
        <source>Fraction of units switched off while training, 0 to 0.9</source>
        <translation>학습하는 동안 꺼 두는 유닛의 비율, 0에서 0.9</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/train/form_texts.py" line="46"/>
        <source> px</source>
        <translation> px</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/train/form_texts.py" line="47"/>
        <source>2x2 max-pool per block</source>
        <translation>블록마다 2x2 최대 풀링</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/train/form_texts.py" line="48"/>
        <source>Experiment: make the hidden layers deeper</source>
        <translation>실험: 은닉층을 더 깊게</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/train/form_texts.py" line="49"/>
        <source>The course notes&apos; advice: add a hidden layer and compare</source>
        <translation>강의 노트의 조언: 은닉층을 하나 더하고 비교해 보세요</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/train/form_texts.py" line="50"/>
        <source>shifts, rotations, zooms</source>
        <translation>이동, 회전, 확대/축소</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/train/form_texts.py" line="67"/>
        <source>MNIST (handwritten digits)</source>
        <translation>MNIST (손글씨 숫자)</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/train/form_texts.py" line="68"/>
        <source>Fashion-MNIST (clothing)</source>
        <translation>Fashion-MNIST (옷)</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/train/arch_view.py" line="65"/>
        <source>Architecture: fix the field in red first.</source>
        <translation>구조: 먼저 빨간 칸을 고치세요.</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/train/arch_view.py" line="163"/>
        <source>about %1 of memory to train</source>
        <translation>학습에 메모리 약 %1</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/train/arch_view.py" line="171"/>
        <source>Layer</source>
        <translation>층</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/train/arch_view.py" line="171"/>
        <source>Type</source>
        <translation>종류</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/train/arch_view.py" line="171"/>
        <source>Output shape</source>
        <translation>출력 모양</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/train/arch_view.py" line="172"/>
        <source>Parameters</source>
        <translation>파라미터</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/train/form_texts.py" line="51"/>
        <source>small shifts, rotations and zooms</source>
        <translation>조금씩 이동, 회전, 확대/축소</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/train/form_texts.py" line="52"/>
        <source>keep the best epoch</source>
        <translation>가장 좋은 에포크 유지</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/train/form_texts.py" line="53"/>
        <source>Early stopping: the run keeps the weights of the epoch with the lowest validation loss</source>
        <translation>조기 종료: 검증 손실이 가장 낮은 에포크의 가중치를 남깁니다</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/train/form_texts.py" line="55"/>
        <source> epochs</source>
        <translation> 에포크</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/train/form_texts.py" line="56"/>
        <source> images</source>
        <translation> 장</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/train/form_texts.py" line="57"/>
        <source>How many passes over the training images</source>
        <translation>학습 이미지를 몇 번 반복할지</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/train/form_texts.py" line="58"/>
        <source>Images per gradient step</source>
        <translation>경사 하강 한 번에 쓰는 이미지 수</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/train/form_texts.py" line="59"/>
        <source>Step size of the optimizer, e.g. 0.001 or 1e-3</source>
        <translation>옵티마이저의 보폭, 예: 0.001 또는 1e-3</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/train/form_texts.py" line="60"/>
        <source>Train on fewer images for a quick class demo</source>
        <translation>수업 시연용으로 적은 이미지로 빠르게 학습</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/train/form_texts.py" line="61"/>
        <source>Held out from the training images; auto = 10 %, at most 5,000</source>
        <translation>학습 이미지에서 떼어 둡니다. auto = 10 %, 최대 5,000</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/train/form_texts.py" line="63"/>
        <source>auto</source>
        <translation>auto</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/train/form_texts.py" line="64"/>
        <source>Which network to train</source>
        <translation>학습할 신경망</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/train/run_panel.py" line="243"/>
        <source>Train</source>
        <translation>학습</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/train/run_panel.py" line="244"/>
        <source>Start training (Ctrl+T)</source>
        <translation>학습 시작 (Ctrl+T)</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/train/run_panel.py" line="245"/>
        <source>Stop</source>
        <translation>멈춤</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/train/run_panel.py" line="246"/>
        <source>Stop after the current batch, keep the model (Ctrl+.)</source>
        <translation>현재 배치 후 멈추고 모델은 유지 (Ctrl+.)</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/train/run_panel.py" line="247"/>
        <source>Save model as…</source>
        <translation>모델을 다른 이름으로 저장…</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/train/run_panel.py" line="248"/>
        <source>Train on the CPU instead</source>
        <translation>대신 CPU로 학습</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/train/run_panel.py" line="249"/>
        <source>Export chart…</source>
        <translation>차트 내보내기…</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/train/run_panel.py" line="250"/>
        <source>Save the chart as a PNG picture</source>
        <translation>차트를 PNG 그림으로 저장</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/train/run_panel.py" line="251"/>
        <source>Smoothing</source>
        <translation>곡선 다듬기</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/train/run_panel.py" line="252"/>
        <source>How much the training curve is smoothed (a moving average of the batches, as in TensorBoard). 0 = none.</source>
        <translation>학습 곡선을 얼마나 부드럽게 할지 (TensorBoard처럼 배치들의 이동 평균). 0 = 다듬지 않음.</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/train/run_panel.py" line="258"/>
        <source>Learning view:</source>
        <translation>학습 보기:</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/train/run_panel.py" line="259"/>
        <source>large, in the form&apos;s place</source>
        <translation>크게, 설정 자리에</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/train/run_panel.py" line="260"/>
        <source>below the curves</source>
        <translation>곡선 아래</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/train/run_panel.py" line="260"/>
        <source>beside the curves</source>
        <translation>곡선 옆</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/train/run_panel.py" line="261"/>
        <source>hidden</source>
        <translation>숨김</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/train/run_panel.py" line="263"/>
        <source>Where the network&apos;s insides are shown while it trains</source>
        <translation>학습하는 동안 네트워크 속을 보여 줄 위치</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/train/run_panel.py" line="295"/>
        <source>Training in progress</source>
        <translation>학습 중</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/train/run_panel.py" line="298"/>
        <source>A network is still training (%1). Close MNIST Studio?</source>
        <translation>네트워크가 아직 학습 중입니다 (%1). MNIST 스튜디오를 닫을까요?</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/train/run_panel.py" line="302"/>
        <source>Keep: stop now and save the partly trained model as a run.
Discard: stop now and save nothing.
Cancel: go on training.</source>
        <translation>유지: 지금 멈추고 일부 학습된 모델을 실행으로 저장합니다.
버리기: 지금 멈추고 아무것도 저장하지 않습니다.
취소: 학습을 계속합니다.</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/train/run_panel.py" line="305"/>
        <source>Keep the partial model</source>
        <translation>일부 학습된 모델 유지</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/train/run_panel.py" line="307"/>
        <source>Discard</source>
        <translation>버리기</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/train/run_panel.py" line="309"/>
        <source>Cancel</source>
        <translation>취소</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/train/train_tab.py" line="383"/>
        <source>Ready. Pick a model and press Train.</source>
        <translation>준비됨. 모델을 고르고 학습을 누르세요.</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/train/learning_place.py" line="68"/>
        <source>← Back to the design</source>
        <translation>← 설계로 돌아가기</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/train/learning_place.py" line="69"/>
        <source>Show the model and hyper-parameters again (the learning view comes back with the next run)</source>
        <translation>모델과 하이퍼파라미터를 다시 보여 줍니다 (학습 보기는 다음 실행 때 돌아옵니다)</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/train/learning_place.py" line="72"/>
        <source>Too little room below the curves in this window: shown here instead</source>
        <translation>이 창에는 곡선 아래에 자리가 모자라 여기에 보여 줍니다</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/train/learning_place.py" line="75"/>
        <source>Too little room beside the curves in this window: shown here instead</source>
        <translation>이 창에는 곡선 옆에 자리가 모자라 여기에 보여 줍니다</translation>
    </message>
</context>
<context>
    <name>TrainWorker</name>
    <message>
        <location filename="../../mnist_studio/ui/background/worker.py" line="160"/>
        <source>Stopped before training began.</source>
        <translation>학습이 시작되기 전에 멈췄습니다.</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/background/worker.py" line="163"/>
        <source>Discarded: nothing was saved.</source>
        <translation>버렸습니다: 아무것도 저장하지 않았습니다.</translation>
    </message>
</context>
<context>
    <name>TrainingChart</name>
    <message>
        <location filename="../../mnist_studio/ui/common/charts.py" line="346"/>
        <source>Training loss per batch (faint) and smoothed</source>
        <translation>배치별 학습 손실 (흐린 선)과 다듬은 곡선</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/common/charts.py" line="347"/>
        <source>Validation loss per epoch</source>
        <translation>에포크별 검증 손실</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/common/charts.py" line="348"/>
        <source>Training accuracy per batch (faint) and smoothed</source>
        <translation>배치별 학습 정확도 (흐린 선)과 다듬은 곡선</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/common/charts.py" line="349"/>
        <source>Validation accuracy per epoch</source>
        <translation>에포크별 검증 정확도</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/common/charts.py" line="355"/>
        <source>Press Train: the curves appear here as the network learns.</source>
        <translation>학습을 누르세요: 네트워크가 배우는 동안 여기에 곡선이 나타납니다.</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/common/charts.py" line="368"/>
        <source>Loss</source>
        <translation>손실</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/common/charts.py" line="368"/>
        <source>loss</source>
        <translation>손실</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/common/charts.py" line="369"/>
        <source>Accuracy</source>
        <translation>정확도</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/common/charts.py" line="369"/>
        <source>accuracy</source>
        <translation>정확도</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/common/charts.py" line="371"/>
        <source>epoch</source>
        <translation>에포크</translation>
    </message>
</context>
</TS>
