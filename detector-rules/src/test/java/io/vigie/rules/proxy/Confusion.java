package io.vigie.rules.proxy;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Confusion counts of a scorer against ground-truth labels, with the misses kept for the test's output. */
final class Confusion {

    private int tp;
    private int fp;
    private int fn;
    private int tn;
    private final List<String> falsePositives = new ArrayList<>();
    private final List<String> falseNegatives = new ArrayList<>();
    private int weakestPositive = Integer.MAX_VALUE;
    private String weakestPositiveDescription = "none";
    private int strongestNegative = Integer.MIN_VALUE;
    private String strongestNegativeDescription = "none";

    /** Also keeps the margins: the lowest score among positives and the highest among negatives. */
    void add(final boolean actual, final boolean predicted, final int score, final String description) {
        add(actual, predicted, description);
        if (actual && score < weakestPositive) {
            weakestPositive = score;
            weakestPositiveDescription = description;
        } else if (!actual && score > strongestNegative) {
            strongestNegative = score;
            strongestNegativeDescription = description;
        }
    }

    void add(final boolean actual, final boolean predicted, final String description) {
        if (actual && predicted) {
            tp++;
        } else if (predicted) {
            fp++;
            falsePositives.add(description);
        } else if (actual) {
            fn++;
            falseNegatives.add(description);
        } else {
            tn++;
        }
    }

    int truePositives() {
        return tp;
    }

    int falsePositives() {
        return fp;
    }

    int falseNegatives() {
        return fn;
    }

    int trueNegatives() {
        return tn;
    }

    double precision() {
        return tp + fp == 0 ? 0 : (double) tp / (tp + fp);
    }

    double recall() {
        return tp + fn == 0 ? 0 : (double) tp / (tp + fn);
    }

    String report(final String title) {
        final StringBuilder s = new StringBuilder(String.format(
                Locale.ROOT,
                "%s%n  TP %d  FP %d  FN %d  TN %d  precision %.3f  recall %.3f%n",
                title,
                tp,
                fp,
                fn,
                tn,
                precision(),
                recall()));
        s.append("  weakest positive: ").append(weakestPositiveDescription).append(System.lineSeparator());
        s.append("  strongest negative: ").append(strongestNegativeDescription).append(System.lineSeparator());
        falsePositives.forEach(d -> s.append("  FP ").append(d).append(System.lineSeparator()));
        falseNegatives.forEach(d -> s.append("  FN ").append(d).append(System.lineSeparator()));
        return s.toString();
    }
}
