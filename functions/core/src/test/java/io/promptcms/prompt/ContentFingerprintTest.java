package io.promptcms.prompt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import org.junit.jupiter.api.Test;

class ContentFingerprintTest {

    private static final String PLAIN = ContentFingerprint.of("Translate the email into French.");

    @Test
    void caseDoesNotChangeTheFingerprint() {
        assertEquals(PLAIN, ContentFingerprint.of("TRANSLATE the Email into french."));
    }

    @Test
    void whitespaceRunsAndEdgesDoNotChangeTheFingerprint() {
        assertEquals(PLAIN, ContentFingerprint.of("  Translate\tthe   email\r\n\ninto French.  "));
        assertEquals(PLAIN, ContentFingerprint.of("Translate\u2003the\u00a0email into French.")); // em space, no-break space
    }

    @Test
    void compatibilityFormsFoldUnderNfkc() {
        assertEquals(PLAIN, ContentFingerprint.of("Ｔｒａｎｓｌａｔｅ the email into French.")); // full-width letters
        assertEquals(ContentFingerprint.of("office fine"), ContentFingerprint.of("oﬃce ﬁne")); // ligatures
        assertEquals(ContentFingerprint.of("caf\u00e9"), ContentFingerprint.of("cafe\u0301")); // composed and decomposed é
    }

    @Test
    void wordsAndPunctuationDoChangeIt() {
        assertNotEquals(PLAIN, ContentFingerprint.of("Translate the email into German."));
        assertNotEquals(PLAIN, ContentFingerprint.of("Translate the email into French"));
        assertNotEquals(PLAIN, ContentFingerprint.of("Translatethe email into French."));
    }

    @Test
    void isA128BitHexDigestKeyedByOwnerInTheIndex() {
        assertEquals(32, PLAIN.length());
        assertEquals("usr_a#" + PLAIN, ContentFingerprint.ownerKey("usr_a", PLAIN));
    }
}
