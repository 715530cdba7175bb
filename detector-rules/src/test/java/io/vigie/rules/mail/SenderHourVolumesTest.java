package io.vigie.rules.mail;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SenderHourVolumesTest {

    /** One sender-hour per volume given, counted message by message as the rule counts them. */
    private static SenderHourVolumes of(final long... volumes) {
        SenderHourVolumes day = SenderHourVolumes.empty();
        for (final long volume : volumes) {
            for (long before = 0; before < volume; before++) {
                day = day.countedOneMore(before);
            }
        }
        return day;
    }

    @Test
    void shouldMoveASenderHourUpOneBucketPerMessage() {
        final SenderHourVolumes day = of(3, 3, 7);

        assertThat(day.senderHours()).isEqualTo(3);
        assertThat(day.buckets()[3]).isEqualTo(2);
        assertThat(day.buckets()[7]).isEqualTo(1);
        assertThat(day.buckets()[1] + day.buckets()[2]).isZero();
    }

    @Test
    void shouldGiveTheNearestRankPercentileOverSeveralDays() {
        // 19 hours of 1 message and one of 40: the 95th percentile is 1, the 100th 40
        final long[] quiet = new long[19];
        java.util.Arrays.fill(quiet, 1);
        final List<SenderHourVolumes> days = List.of(of(quiet), of(40));

        assertThat(SenderHourVolumes.percentile(days, 0.95)).isEqualTo(1);
        assertThat(SenderHourVolumes.percentile(days, 1.0)).isEqualTo(40);
        assertThat(SenderHourVolumes.percentile(List.of(), 0.95)).isZero();
    }

    @Test
    void shouldKeepLargeVolumesInPowerOfTwoBucketsReadAsTheirLowerBound() {
        assertThat(SenderHourVolumes.bucketOf(128)).isEqualTo(128);
        assertThat(SenderHourVolumes.bucketOf(129)).isEqualTo(SenderHourVolumes.bucketOf(255));
        assertThat(SenderHourVolumes.bucketOf(256)).isEqualTo(SenderHourVolumes.bucketOf(129) + 1);
        assertThat(SenderHourVolumes.lowerBound(SenderHourVolumes.bucketOf(200)))
                .isEqualTo(129);
        assertThat(SenderHourVolumes.lowerBound(SenderHourVolumes.bucketOf(300)))
                .isEqualTo(256);
        assertThat(SenderHourVolumes.percentile(List.of(of(1000)), 0.95)).isEqualTo(512);
        assertThat(SenderHourVolumes.bucketOf(Long.MAX_VALUE))
                .isLessThan(SenderHourVolumes.empty().buckets().length);
    }
}
