<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ko_KR">
<context>
    <name>CompareChart</name>
    <message>
        <location filename="../../mnist_studio/ui/compare_chart.py" line="40"/>
        <source>Validation loss</source>
        <translation>검증 손실</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/compare_chart.py" line="42"/>
        <source>Validation accuracy</source>
        <translation>검증 정확도</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/compare_chart.py" line="45"/>
        <source>epoch</source>
        <translation>에포크</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/compare_chart.py" line="51"/>
        <source>Select two or more runs</source>
        <translation>두 개 이상의 실행을 선택하세요</translation>
    </message>
</context>
<context>
    <name>ConfusionMatrixView</name>
    <message>
        <location filename="../../mnist_studio/ui/confusion.py" line="134"/>
        <source>Evaluate a model to see its confusion matrix</source>
        <translation>모델을 평가하면 혼동 행렬이 보입니다</translation>
    </message>
</context>
<context>
    <name>Device</name>
    <message>
        <location filename="../../mnist_studio/ui/texts.py" line="18"/>
        <source>this TensorFlow build has no CUDA support</source>
        <translation>이 TensorFlow 빌드는 CUDA를 지원하지 않음</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/texts.py" line="19"/>
        <source>no CUDA driver or GPU detected</source>
        <translation>CUDA 드라이버나 GPU가 없음</translation>
    </message>
</context>
<context>
    <name>DrawTab</name>
    <message>
        <location filename="../../mnist_studio/ui/draw_tab.py" line="171"/>
        <source>%1 ms per update</source>
        <translation>갱신당 %1 ms</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/draw_tab.py" line="181"/>
        <location filename="../../mnist_studio/ui/draw_tab.py" line="191"/>
        <source>Pen width: %1</source>
        <translation>펜 굵기: %1</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/draw_tab.py" line="186"/>
        <source>Clear</source>
        <translation>지우기</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/draw_tab.py" line="187"/>
        <source>Erase the drawing (Esc or Delete)</source>
        <translation>그림 지우기 (Esc 또는 Delete)</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/draw_tab.py" line="188"/>
        <source>Undo</source>
        <translation>되돌리기</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/draw_tab.py" line="189"/>
        <source>Remove the last stroke (Ctrl+Z)</source>
        <translation>마지막 획 취소 (Ctrl+Z)</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/draw_tab.py" line="190"/>
        <source>Pen width ([ and ] change it)</source>
        <translation>펜 굵기 ([ 와 ] 로 조절)</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/draw_tab.py" line="192"/>
        <source>What the models see (28x28)</source>
        <translation>모델이 보는 이미지 (28x28)</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/draw_tab.py" line="193"/>
        <source>Draw one digit, large and centred. Both models read the same 28x28 image.</source>
        <translation>숫자 하나를 크게, 가운데에 쓰세요. 두 모델은 같은 28x28 이미지를 읽습니다.</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/draw_tab.py" line="194"/>
        <source>Draw a digit with the mouse or a pen</source>
        <translation>마우스나 펜으로 숫자를 쓰세요</translation>
    </message>
</context>
<context>
    <name>DrawingCanvas</name>
    <message>
        <location filename="../../mnist_studio/ui/canvas.py" line="219"/>
        <source>Draw a digit here</source>
        <translation>여기에 숫자를 쓰세요</translation>
    </message>
</context>
<context>
    <name>EvaluateTab</name>
    <message>
        <location filename="../../mnist_studio/ui/evaluate_tab.py" line="189"/>
        <source>Shipped MLP</source>
        <translation>기본 MLP</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/evaluate_tab.py" line="190"/>
        <source>Shipped CNN</source>
        <translation>기본 CNN</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/evaluate_tab.py" line="195"/>
        <source>Run: %1</source>
        <translation>실행: %1</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/evaluate_tab.py" line="198"/>
        <location filename="../../mnist_studio/ui/evaluate_tab.py" line="388"/>
        <source>File: %1</source>
        <translation>파일: %1</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/evaluate_tab.py" line="260"/>
        <source>Evaluating on %1 test images…</source>
        <translation>테스트 이미지 %1장으로 평가 중…</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/evaluate_tab.py" line="318"/>
        <source>Accuracy %1 · loss %2 · %3 mistakes of %4</source>
        <translation>정확도 %1 · 손실 %2 · %4장 중 %3장 오답</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/evaluate_tab.py" line="338"/>
        <source>True %1, predicted %2: %3 images (most confident first)</source>
        <translation>정답 %1, 예측 %2: %3장 (확신도 높은 순)</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/evaluate_tab.py" line="356"/>
        <source>%1 mistakes, most confident first</source>
        <translation>오답 %1장, 확신도 높은 순</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/evaluate_tab.py" line="374"/>
        <source>Confusion difference: “%1” minus “%2” (blue: more, red: fewer)</source>
        <translation>혼동 행렬 차이: “%1” − “%2” (파랑: 더 많음, 빨강: 더 적음)</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/evaluate_tab.py" line="378"/>
        <source>Confusion matrix of “%1”. Select a second run to compare.</source>
        <translation>“%1”의 혼동 행렬. 비교하려면 두 번째 실행을 선택하세요.</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/evaluate_tab.py" line="382"/>
        <location filename="../../mnist_studio/ui/evaluate_tab.py" line="451"/>
        <source>Select two or more runs to compare them.</source>
        <translation>비교하려면 두 개 이상의 실행을 선택하세요.</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/evaluate_tab.py" line="393"/>
        <source>Open a Keras model</source>
        <translation>Keras 모델 열기</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/evaluate_tab.py" line="394"/>
        <location filename="../../mnist_studio/ui/evaluate_tab.py" line="407"/>
        <source>Keras model (*.keras)</source>
        <translation>Keras 모델 (*.keras)</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/evaluate_tab.py" line="404"/>
        <source>Select a run first.</source>
        <translation>먼저 실행을 선택하세요.</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/evaluate_tab.py" line="406"/>
        <source>Save model as</source>
        <translation>모델을 다른 이름으로 저장</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/evaluate_tab.py" line="424"/>
        <source>Model:</source>
        <translation>모델:</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/evaluate_tab.py" line="425"/>
        <source>A shipped model or any saved run</source>
        <translation>기본 모델 또는 저장된 실행</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/evaluate_tab.py" line="426"/>
        <source>Open .keras…</source>
        <translation>.keras 열기…</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/evaluate_tab.py" line="427"/>
        <source>Load a Keras model file from anywhere (Ctrl+O)</source>
        <translation>어디서든 Keras 모델 파일 불러오기 (Ctrl+O)</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/evaluate_tab.py" line="428"/>
        <source>Evaluate</source>
        <translation>평가</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/evaluate_tab.py" line="429"/>
        <source>Evaluate on the 10,000 test images (Ctrl+E)</source>
        <translation>테스트 이미지 10,000장으로 평가 (Ctrl+E)</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/evaluate_tab.py" line="430"/>
        <source>Confusion matrix</source>
        <translation>혼동 행렬</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/evaluate_tab.py" line="431"/>
        <source>Mistakes</source>
        <translation>오답</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/evaluate_tab.py" line="432"/>
        <source>Compare runs</source>
        <translation>실행 비교</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/evaluate_tab.py" line="433"/>
        <source>Accuracy per digit</source>
        <translation>숫자별 정확도</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/evaluate_tab.py" line="434"/>
        <source>True digit:</source>
        <translation>정답 숫자:</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/evaluate_tab.py" line="435"/>
        <source>Predicted:</source>
        <translation>예측:</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/evaluate_tab.py" line="436"/>
        <location filename="../../mnist_studio/ui/evaluate_tab.py" line="437"/>
        <source>any</source>
        <translation>전체</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/evaluate_tab.py" line="438"/>
        <source>Delete…</source>
        <translation>삭제…</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/evaluate_tab.py" line="439"/>
        <source>Open folder</source>
        <translation>폴더 열기</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/evaluate_tab.py" line="440"/>
        <source>Save model as…</source>
        <translation>모델을 다른 이름으로 저장…</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/evaluate_tab.py" line="441"/>
        <source>Double-click a name to rename a run; select several to compare</source>
        <translation>이름을 두 번 클릭하면 바꿀 수 있고, 여러 개를 선택하면 비교합니다</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/evaluate_tab.py" line="442"/>
        <location filename="../../mnist_studio/ui/evaluate_tab.py" line="443"/>
        <source>true digit</source>
        <translation>정답 숫자</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/evaluate_tab.py" line="442"/>
        <location filename="../../mnist_studio/ui/evaluate_tab.py" line="443"/>
        <source>predicted digit</source>
        <translation>예측 숫자</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/evaluate_tab.py" line="446"/>
        <source>Pick a model to evaluate it on the 10,000 test images.</source>
        <translation>모델을 고르면 테스트 이미지 10,000장으로 평가합니다.</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/evaluate_tab.py" line="447"/>
        <source>Click a cell of the matrix to see its images.</source>
        <translation>행렬의 칸을 클릭하면 해당 이미지가 보입니다.</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../mnist_studio/ui/main_window.py" line="168"/>
        <source>Your %1</source>
        <translation>내 %1</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/main_window.py" line="244"/>
        <source>Translation files for %1 are missing.</source>
        <translation>%1 번역 파일이 없습니다.</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/main_window.py" line="252"/>
        <source>MNIST Studio</source>
        <translation>MNIST 스튜디오</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/main_window.py" line="253"/>
        <source>Draw</source>
        <translation>그리기</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/main_window.py" line="254"/>
        <location filename="../../mnist_studio/ui/main_window.py" line="271"/>
        <source>Train</source>
        <translation>학습</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/main_window.py" line="255"/>
        <source>Evaluate</source>
        <translation>평가</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/main_window.py" line="256"/>
        <source>Draw a digit and see what the models think (Ctrl+1)</source>
        <translation>숫자를 쓰고 모델의 생각을 보세요 (Ctrl+1)</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/main_window.py" line="257"/>
        <source>Train an MLP or a CNN and watch it learn (Ctrl+2)</source>
        <translation>MLP나 CNN을 학습시키며 지켜보세요 (Ctrl+2)</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/main_window.py" line="258"/>
        <source>See where and why a model fails (Ctrl+3)</source>
        <translation>모델이 어디서 왜 틀리는지 보세요 (Ctrl+3)</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/main_window.py" line="259"/>
        <location filename="../../mnist_studio/ui/main_window.py" line="277"/>
        <source>Projector mode</source>
        <translation>프로젝터 모드</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/main_window.py" line="260"/>
        <source>Full screen, large and high-contrast (F11)</source>
        <translation>전체 화면, 큰 글씨, 고대비 (F11)</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/main_window.py" line="261"/>
        <source>Shortcuts</source>
        <translation>단축키</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/main_window.py" line="262"/>
        <source>Keyboard shortcuts (F1 or ?)</source>
        <translation>키보드 단축키 (F1 또는 ?)</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/main_window.py" line="263"/>
        <source>System theme</source>
        <translation>시스템 테마</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/main_window.py" line="263"/>
        <source>Light</source>
        <translation>밝게</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/main_window.py" line="264"/>
        <source>Dark</source>
        <translation>어둡게</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/main_window.py" line="267"/>
        <source>Draw, Train, Evaluate tab</source>
        <translation>그리기, 학습, 평가 탭</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/main_window.py" line="268"/>
        <source>Clear the drawing</source>
        <translation>그림 지우기</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/main_window.py" line="269"/>
        <source>Undo the last stroke</source>
        <translation>마지막 획 취소</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/main_window.py" line="270"/>
        <source>Thinner / thicker pen</source>
        <translation>펜 가늘게 / 굵게</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/main_window.py" line="272"/>
        <source>Stop training</source>
        <translation>학습 멈추기</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/main_window.py" line="273"/>
        <source>Evaluate the chosen model</source>
        <translation>선택한 모델 평가</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/main_window.py" line="274"/>
        <source>Open a .keras model</source>
        <translation>.keras 모델 열기</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/main_window.py" line="275"/>
        <source>Next / previous gallery image</source>
        <translation>갤러리 다음 / 이전 이미지</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/main_window.py" line="276"/>
        <source>Show the chosen image in the Draw tab</source>
        <translation>선택한 이미지를 그리기 탭에서 보기</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/main_window.py" line="278"/>
        <source>This help</source>
        <translation>이 도움말</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/main_window.py" line="279"/>
        <source>Quit</source>
        <translation>종료</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/main_window.py" line="281"/>
        <source>Keyboard shortcuts</source>
        <translation>키보드 단축키</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/main_window.py" line="281"/>
        <source>Press any key to close</source>
        <translation>아무 키나 누르면 닫힙니다</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/main_window.py" line="287"/>
        <source>Starting TensorFlow…</source>
        <translation>TensorFlow 시작 중…</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/main_window.py" line="289"/>
        <source>Training on GPU — %1</source>
        <translation>GPU에서 학습 — %1</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/main_window.py" line="291"/>
        <source>Training on CPU — no GPU found (%1)</source>
        <translation>CPU에서 학습 — GPU 없음 (%1)</translation>
    </message>
</context>
<context>
    <name>MnistPreview</name>
    <message>
        <location filename="../../mnist_studio/ui/preview.py" line="19"/>
        <source>What the models see: your drawing as a 28x28 MNIST image</source>
        <translation>모델이 보는 것: 내 그림을 28x28 MNIST 이미지로 바꾼 것</translation>
    </message>
</context>
<context>
    <name>PredictionPanel</name>
    <message>
        <location filename="../../mnist_studio/ui/prediction.py" line="138"/>
        <source>loading models…</source>
        <translation>모델 불러오는 중…</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/prediction.py" line="141"/>
        <source>Could not load this model: %1</source>
        <translation>이 모델을 불러올 수 없습니다: %1</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/prediction.py" line="144"/>
        <source>draw a digit</source>
        <translation>숫자를 쓰세요</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/prediction.py" line="152"/>
        <source>unsure: maybe %1 (%2) or %3</source>
        <translation>잘 모르겠음: %1 (%2) 또는 %3</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/prediction.py" line="156"/>
        <source>%1 confident</source>
        <translation>확신도 %1</translation>
    </message>
</context>
<context>
    <name>Presets</name>
    <message>
        <location filename="../../mnist_studio/ui/texts.py" line="8"/>
        <source>MLP (tuned)</source>
        <translation>MLP (튜닝됨)</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/texts.py" line="9"/>
        <source>CNN (tuned)</source>
        <translation>CNN (튜닝됨)</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/texts.py" line="10"/>
        <source>MLP 256 (course notes)</source>
        <translation>MLP 256 (강의 노트)</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/texts.py" line="11"/>
        <source>MLP 1000 (course notes)</source>
        <translation>MLP 1000 (강의 노트)</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/texts.py" line="12"/>
        <source>CNN (course notes)</source>
        <translation>CNN (강의 노트)</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/texts.py" line="13"/>
        <source>Dense 512-256 with dropout, one-cycle learning rate.</source>
        <translation>Dense 512-256과 드롭아웃, 원사이클 학습률.</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/texts.py" line="14"/>
        <source>Three small 3x3 conv layers (16-32-64), Dense 128 with dropout, light augmentation, one-cycle learning rate.</source>
        <translation>작은 3x3 합성곱 층 3개(16-32-64), 드롭아웃을 쓴 Dense 128, 가벼운 데이터 증강, 원사이클 학습률.</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/texts.py" line="15"/>
        <source>Flatten -&gt; Dense 256 relu -&gt; 10 softmax.</source>
        <translation>Flatten -&gt; Dense 256 relu -&gt; 10 softmax.</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/texts.py" line="16"/>
        <source>Flatten -&gt; Dense 1000 relu -&gt; 10 softmax.</source>
        <translation>Flatten -&gt; Dense 1000 relu -&gt; 10 softmax.</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/texts.py" line="17"/>
        <source>Conv 5x5x32 -&gt; pool -&gt; Conv 2x2x64 -&gt; pool -&gt; dropout -&gt; Dense 1000 -&gt; 10.</source>
        <translation>Conv 5x5x32 -&gt; 풀링 -&gt; Conv 2x2x64 -&gt; 풀링 -&gt; 드롭아웃 -&gt; Dense 1000 -&gt; 10.</translation>
    </message>
</context>
<context>
    <name>RunsTable</name>
    <message>
        <location filename="../../mnist_studio/ui/runs_table.py" line="14"/>
        <source>completed</source>
        <translation>완료</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/runs_table.py" line="15"/>
        <source>stopped</source>
        <translation>중지됨</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/runs_table.py" line="16"/>
        <source>failed</source>
        <translation>실패</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/runs_table.py" line="57"/>
        <source>Name</source>
        <translation>이름</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/runs_table.py" line="57"/>
        <source>Preset</source>
        <translation>프리셋</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/runs_table.py" line="57"/>
        <source>Parameters</source>
        <translation>파라미터</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/runs_table.py" line="57"/>
        <source>Epochs</source>
        <translation>에포크</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/runs_table.py" line="57"/>
        <source>Batch</source>
        <translation>배치</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/runs_table.py" line="58"/>
        <source>Learning rate</source>
        <translation>학습률</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/runs_table.py" line="58"/>
        <source>Device</source>
        <translation>장치</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/runs_table.py" line="58"/>
        <source>Training time</source>
        <translation>학습 시간</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/runs_table.py" line="58"/>
        <source>Test accuracy</source>
        <translation>테스트 정확도</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/runs_table.py" line="59"/>
        <source>Test loss</source>
        <translation>테스트 손실</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/runs_table.py" line="59"/>
        <source>Status</source>
        <translation>상태</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/runs_table.py" line="59"/>
        <source>Date</source>
        <translation>날짜</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/runs_table.py" line="69"/>
        <source>augmented</source>
        <translation>증강 사용</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/runs_table.py" line="69"/>
        <source>no augmentation</source>
        <translation>증강 없음</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/runs_table.py" line="70"/>
        <source>%1 images</source>
        <translation>이미지 %1장</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/runs_table.py" line="127"/>
        <source>Delete runs</source>
        <translation>실행 삭제</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/runs_table.py" line="128"/>
        <source>Delete %1 run(s) and their models? This cannot be undone.</source>
        <translation>실행 %1개와 그 모델을 삭제할까요? 되돌릴 수 없습니다.</translation>
    </message>
</context>
<context>
    <name>SampleDetail</name>
    <message>
        <location filename="../../mnist_studio/ui/sample_detail.py" line="40"/>
        <source>Test image #%1: true %2, predicted %3 (%4)</source>
        <translation>테스트 이미지 #%1: 정답 %2, 예측 %3 (%4)</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/sample_detail.py" line="49"/>
        <location filename="../../mnist_studio/ui/sample_detail.py" line="61"/>
        <source>Click a thumbnail to see it large.</source>
        <translation>썸네일을 클릭하면 크게 보입니다.</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/sample_detail.py" line="58"/>
        <source>Show in the Draw tab</source>
        <translation>그리기 탭에서 보기</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/sample_detail.py" line="59"/>
        <source>See how every model reads this image (Ctrl+D)</source>
        <translation>모든 모델이 이 이미지를 어떻게 읽는지 보기 (Ctrl+D)</translation>
    </message>
</context>
<context>
    <name>SampleGallery</name>
    <message>
        <location filename="../../mnist_studio/ui/gallery.py" line="67"/>
        <source>#%1: true %2, predicted %3 (%4)</source>
        <translation>#%1: 정답 %2, 예측 %3 (%4)</translation>
    </message>
</context>
<context>
    <name>TrainTab</name>
    <message>
        <location filename="../../mnist_studio/ui/train_tab.py" line="221"/>
        <source>training-set size must be a whole number</source>
        <translation>학습 이미지 수는 정수여야 합니다</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/train_tab.py" line="248"/>
        <source>Device: starting TensorFlow…</source>
        <translation>장치: TensorFlow 시작 중…</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/train_tab.py" line="252"/>
        <source>Device: GPU — %1</source>
        <translation>장치: GPU — %1</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/train_tab.py" line="254"/>
        <source>Device: CPU — no GPU found (%1)</source>
        <translation>장치: CPU — GPU 없음 (%1)</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/train_tab.py" line="260"/>
        <source>Architecture: loading…</source>
        <translation>구조: 불러오는 중…</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/train_tab.py" line="275"/>
        <source>Total parameters: %1</source>
        <translation>전체 파라미터: %1</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/train_tab.py" line="300"/>
        <location filename="../../mnist_studio/ui/train_tab.py" line="340"/>
        <source>Preparing data…</source>
        <translation>데이터 준비 중…</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/train_tab.py" line="308"/>
        <source>Stopping after this batch…</source>
        <translation>이번 배치 후 멈추는 중…</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/train_tab.py" line="330"/>
        <source>Epoch %1/%2 · batch %3/%4 · %5 images/s · ETA %6</source>
        <translation>에포크 %1/%2 · 배치 %3/%4 · 초당 %5장 · 남은 시간 %6</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/train_tab.py" line="340"/>
        <source>Training…</source>
        <translation>학습 중…</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/train_tab.py" line="341"/>
        <source>Evaluating on the 10,000 test images…</source>
        <translation>테스트 이미지 10,000장으로 평가 중…</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/train_tab.py" line="342"/>
        <source>Saving the run…</source>
        <translation>실행 저장 중…</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/train_tab.py" line="350"/>
        <location filename="../../mnist_studio/ui/train_tab.py" line="372"/>
        <source>Training failed.</source>
        <translation>학습 실패.</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/train_tab.py" line="356"/>
        <source>Completed</source>
        <translation>완료</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/train_tab.py" line="356"/>
        <source>Stopped</source>
        <translation>중지됨</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/train_tab.py" line="358"/>
        <source>%1 in %2 s · test accuracy %3</source>
        <translation>%1 (%2초) · 테스트 정확도 %3</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/train_tab.py" line="364"/>
        <source>The trained model is still in memory: save it elsewhere.</source>
        <translation>학습된 모델은 아직 메모리에 있습니다: 다른 곳에 저장하세요.</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/train_tab.py" line="367"/>
        <source>Saved as run “%1”. Try it in the Draw tab.</source>
        <translation>실행 “%1”(으)로 저장했습니다. 그리기 탭에서 써 보세요.</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/train_tab.py" line="371"/>
        <source>Training could not run: %1</source>
        <translation>학습을 실행할 수 없습니다: %1</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/train_tab.py" line="387"/>
        <source>Model saved to %1</source>
        <translation>모델을 %1 에 저장했습니다</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/train_tab.py" line="390"/>
        <source>Save model as</source>
        <translation>모델을 다른 이름으로 저장</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/train_tab.py" line="391"/>
        <source>Keras model (*.keras)</source>
        <translation>Keras 모델 (*.keras)</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/train_tab.py" line="405"/>
        <source>Export chart</source>
        <translation>차트 내보내기</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/train_tab.py" line="411"/>
        <source>Model</source>
        <translation>모델</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/train_tab.py" line="412"/>
        <source>Hyper-parameters</source>
        <translation>하이퍼파라미터</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/train_tab.py" line="413"/>
        <source>Epochs</source>
        <translation>에포크</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/train_tab.py" line="413"/>
        <source>Batch size</source>
        <translation>배치 크기</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/train_tab.py" line="413"/>
        <source>Learning rate</source>
        <translation>학습률</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/train_tab.py" line="413"/>
        <source>Optimizer</source>
        <translation>옵티마이저</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/train_tab.py" line="414"/>
        <source>Training images</source>
        <translation>학습 이미지 수</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/train_tab.py" line="414"/>
        <source>Augmentation</source>
        <translation>데이터 증강</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/train_tab.py" line="417"/>
        <source>Layer</source>
        <translation>층</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/train_tab.py" line="417"/>
        <source>Type</source>
        <translation>종류</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/train_tab.py" line="417"/>
        <source>Output shape</source>
        <translation>출력 모양</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/train_tab.py" line="418"/>
        <source>Parameters</source>
        <translation>파라미터</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/train_tab.py" line="419"/>
        <source>small shifts, rotations and zooms</source>
        <translation>조금씩 이동, 회전, 확대/축소</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/train_tab.py" line="420"/>
        <source> epochs</source>
        <translation> 에포크</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/train_tab.py" line="421"/>
        <source> images</source>
        <translation> 장</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/train_tab.py" line="422"/>
        <source>How many passes over the training images</source>
        <translation>학습 이미지를 몇 번 반복할지</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/train_tab.py" line="423"/>
        <source>Images per gradient step</source>
        <translation>경사 하강 한 번에 쓰는 이미지 수</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/train_tab.py" line="424"/>
        <source>Step size of the optimizer, e.g. 0.001 or 1e-3</source>
        <translation>옵티마이저의 보폭, 예: 0.001 또는 1e-3</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/train_tab.py" line="425"/>
        <source>Train on fewer images for a quick class demo</source>
        <translation>수업 시연용으로 적은 이미지로 빠르게 학습</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/train_tab.py" line="426"/>
        <source>Which network to train</source>
        <translation>학습할 신경망</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/train_tab.py" line="427"/>
        <source>Train</source>
        <translation>학습</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/train_tab.py" line="428"/>
        <source>Start training (Ctrl+T)</source>
        <translation>학습 시작 (Ctrl+T)</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/train_tab.py" line="429"/>
        <source>Stop</source>
        <translation>멈춤</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/train_tab.py" line="430"/>
        <source>Stop after the current batch, keep the model (Ctrl+.)</source>
        <translation>현재 배치 후 멈추고 모델은 유지 (Ctrl+.)</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/train_tab.py" line="431"/>
        <source>Save model as…</source>
        <translation>모델을 다른 이름으로 저장…</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/train_tab.py" line="432"/>
        <source>Train on the CPU instead</source>
        <translation>대신 CPU로 학습</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/train_tab.py" line="436"/>
        <source>Export chart…</source>
        <translation>차트 내보내기…</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/train_tab.py" line="437"/>
        <source>Save the chart as a PNG picture</source>
        <translation>차트를 PNG 그림으로 저장</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/train_tab.py" line="439"/>
        <source>Ready. Pick a model and press Train.</source>
        <translation>준비됨. 모델을 고르고 학습을 누르세요.</translation>
    </message>
</context>
<context>
    <name>TrainingChart</name>
    <message>
        <location filename="../../mnist_studio/ui/charts.py" line="104"/>
        <source>Loss</source>
        <translation>손실</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/charts.py" line="105"/>
        <source>loss</source>
        <translation>손실</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/charts.py" line="106"/>
        <source>Accuracy</source>
        <translation>정확도</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/charts.py" line="107"/>
        <source>accuracy</source>
        <translation>정확도</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/charts.py" line="112"/>
        <source>epoch</source>
        <translation>에포크</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/charts.py" line="118"/>
        <location filename="../../mnist_studio/ui/charts.py" line="120"/>
        <source>training (per batch)</source>
        <translation>학습 (배치마다)</translation>
    </message>
    <message>
        <location filename="../../mnist_studio/ui/charts.py" line="119"/>
        <location filename="../../mnist_studio/ui/charts.py" line="121"/>
        <source>validation (per epoch)</source>
        <translation>검증 (에포크마다)</translation>
    </message>
</context>
</TS>
