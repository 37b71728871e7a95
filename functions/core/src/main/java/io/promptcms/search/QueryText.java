package io.promptcms.search;

import java.util.ArrayList;
import java.util.List;

/**
 * What the user typed, split into quoted phrases (matched exactly, in order) and the remaining free terms
 * (matched loosely). Nothing else in the text has a meaning: it is never parsed as query syntax.
 * An unpaired quote counts as a space.
 */
record QueryText(String terms, List<String> phrases) {

    static QueryText parse(String text) {
        String input = text == null ? "" : text;
        List<String> phrases = new ArrayList<>();
        StringBuilder terms = new StringBuilder();
        int position = 0;
        while (position < input.length()) {
            int open = input.indexOf('"', position);
            int close = open < 0 ? -1 : input.indexOf('"', open + 1);
            if (close < 0) {
                terms.append(input.substring(position).replace('"', ' '));
                break;
            }
            terms.append(input, position, open).append(' ');
            String phrase = input.substring(open + 1, close).strip();
            if (!phrase.isEmpty()) {
                phrases.add(phrase);
            }
            position = close + 1;
        }
        return new QueryText(terms.toString().strip().replaceAll("\\s+", " "), List.copyOf(phrases));
    }

    boolean isEmpty() {
        return terms.isEmpty() && phrases.isEmpty();
    }
}
