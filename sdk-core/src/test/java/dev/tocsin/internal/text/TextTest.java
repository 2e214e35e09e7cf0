package dev.tocsin.internal.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TextTest {

    @Test
    void cleanTextIsReturnedAsIs() {
        String s = "plain text";
        assertThat(Text.line(s, 100)).isSameAs(s);
        assertThat(Text.line(null, 100)).isNull();
    }

    @Test
    void controlCharactersAndLoneSurrogatesAreReplaced() {
        assertThat(Text.line("a\nb\tc\u0000d", 100)).isEqualTo("a b c d");
        assertThat(Text.block("a\nb\tc\u0000d", 100)).isEqualTo("a\nb\tc d");
        assertThat(Text.line("x\uD800y\uDC00z", 100)).isEqualTo("x\uFFFDy\uFFFDz");
        assertThat(Text.line("pair \uD83D\uDE00 ok", 100)).isEqualTo("pair \uD83D\uDE00 ok");
    }

    @Test
    void longTextIsCutWithAnEllipsisWithoutSplittingAPair() {
        assertThat(Text.line("abcdefgh", 5)).isEqualTo("abcd…").hasSize(5);
        String cutInPair = Text.line("abc\uD83D\uDE00def", 5);
        assertThat(cutInPair).hasSize(5).endsWith("…");
        assertThat(cutInPair.chars().noneMatch(c -> Character.isSurrogate((char) c))).isTrue();
    }
}
