"""The Inside tab: every layer live, saliency, weights as pictures, the embedding map."""
