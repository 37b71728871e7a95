package io.promptcms.duplicate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ShinglesTest {

    private static double similarity(String a, String b) {
        return Shingles.jaccard(Shingles.of(a), Shingles.of(b));
    }

    @Test
    void sameTextUpToCaseSpacingAndPunctuationIsOne() {
        assertEquals(1.0, similarity("Translate the email into French.", "translate   THE email, into french"));
    }

    @Test
    void oneChangedWordInALongTextStaysNearDuplicate() {
        String base = "You are a support agent. Read the customer's message, find the product they mean, check the order "
                + "history and answer politely in two short paragraphs, offering a refund when the delivery was late.";
        String edited = base.replace("politely", "kindly");
        double value = similarity(base, edited);
        assertTrue(value >= 0.8 && value < 1, "similarity " + value);
    }

    @Test
    void sameWordsInAnotherOrderAreNotTheSameText() {
        double value = similarity("translate the email into french now", "french now into the email translate");
        assertTrue(value < 0.2, "similarity " + value);
    }

    @Test
    void unrelatedTextsShareNothing() {
        assertEquals(0.0, similarity("Write a haiku about autumn leaves", "Summarise the quarterly sales report"));
    }

    @Test
    void shortTextsAreOneShingleOfAllTheirWords() {
        assertEquals(1.0, similarity("Hello there", "hello, there!"));
        assertEquals(0.0, similarity("Hello there", "Hello"));
        assertEquals(1.0, similarity("", "  "));
    }
}
