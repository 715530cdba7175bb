package io.vigie.rules.proxy;

import java.util.List;

/**
 * A scorer's judgement of one request: the score is always the sum of the features' weights, so the
 * features are the whole explanation and nothing is hidden in the number.
 *
 * @param score    sum of the weights
 * @param features what fired, in the order the scorer checked them
 */
record Assessment(int score, List<Feature> features) {

    /** Nothing to judge (not a download, a Referer present, an allow-listed host...). */
    public static final Assessment NONE = new Assessment(0, List.of());

    public Assessment {
        features = List.copyOf(features);
        final int sum = features.stream().mapToInt(Feature::weight).sum();
        if (sum != score) {
            throw new IllegalArgumentException("score " + score + " is not the sum of the features' weights " + sum);
        }
    }

    public static Assessment of(final List<Feature> features) {
        return new Assessment(features.stream().mapToInt(Feature::weight).sum(), features);
    }

    public boolean reaches(final int threshold) {
        return !features.isEmpty() && score >= threshold;
    }

    public boolean has(final String featureName) {
        return features.stream().anyMatch(f -> f.name().equals(featureName));
    }
}
