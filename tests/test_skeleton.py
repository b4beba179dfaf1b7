import numpy as np

from mnist_studio.digits.skeleton import links, redraw, thin


def test_thin_a_thick_bar_to_a_one_pixel_line():
    img = np.zeros((2, 20, 30), bool)
    img[0, 7:13, 3:27] = True  # a 6 px thick horizontal bar
    img[1, 3:17, 3:17] = True
    img[1, 6:14, 6:14] = False  # a square ring
    sk = thin(img)
    assert sk[0].sum(axis=0)[6:24].max() == 1 and sk[0].sum() >= 18
    assert sk[1].sum() > 20 and not sk[1, 9:11, 9:11].any()  # the ring stays a ring
    a, b = links(sk[0])
    assert len(a) >= sk[0].sum() - 1 and (np.abs(a - b).max(axis=1) == 1).all()


def test_redraw_keeps_the_digit_at_an_even_stroke_width(mnist):
    (_, _), (x_test, _) = mnist
    out = redraw(x_test[:20])
    assert out.shape == (20, 28, 28) and out.dtype == np.float32 and (out.max(axis=(1, 2)) > 0.99).all()
    corr = [np.corrcoef(out[i].ravel(), x_test[i].ravel())[0, 1] for i in range(20)]
    assert min(corr) > 0.5
    assert redraw(np.zeros((1, 28, 28), np.uint8)).max() == 0  # a blank image stays blank


def test_jittered_redraw_varies_the_shape_but_keeps_the_digit(mnist):
    (_, _), (x_test, _) = mnist
    plain = redraw(x_test[:20])
    jittered = redraw(x_test[:20], jitter=np.random.default_rng(0))
    again = redraw(x_test[:20], jitter=np.random.default_rng(0))
    assert np.array_equal(jittered, again)  # a seeded generator gives the same training data
    corr = np.array([np.corrcoef(plain[i].ravel(), jittered[i].ravel())[0, 1] for i in range(20)])
    assert (corr < 0.999).all() and np.median(corr) > 0.6  # every digit moved, none beyond recognition
