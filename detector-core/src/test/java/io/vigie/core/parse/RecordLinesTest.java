package io.vigie.core.parse;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RecordLinesTest {

    @Test
    void shouldKeepARecordWithoutLineFeedAsOneLine() {
        assertThat(RecordLines.split("Nov 28 10:00:00 mx postfix/qmgr[1]: A: removed"))
                .containsExactly("Nov 28 10:00:00 mx postfix/qmgr[1]: A: removed");
    }

    @Test
    void shouldSplitOnLineFeedsAndDropTheCarriageReturnsAndBlankLines() {
        assertThat(RecordLines.split("one\r\ntwo\n\n  \nthree\n")).containsExactly("one", "two", "three");
    }

    @Test
    void shouldFindNoLineInBlanks() {
        assertThat(RecordLines.split("")).isEmpty();
        assertThat(RecordLines.split(" \n\r\n")).isEmpty();
    }

    @Test
    void shouldKeepSpacesInsideALine() {
        assertThat(RecordLines.split("a  b \nc")).containsExactly("a  b ", "c");
    }
}
