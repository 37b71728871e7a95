package io.promptcms.importexport.format;

/**
 * OWASP's defence against formula injection in CSV: a cell that a spreadsheet could read as a formula (it
 * starts with = + - @ TAB CR or LF) gets a leading apostrophe, and so does a cell that starts with an
 * apostrophe, so that removing exactly one leading apostrophe from an escaped cell is always exact.
 */
public final class SpreadsheetEscaping {

    private SpreadsheetEscaping() {
    }

    public static String escape(String cell) {
        return cell != null && !cell.isEmpty() && isTrigger(cell.charAt(0)) ? "'" + cell : cell;
    }

    /**
     * Reverses {@link #escape}. Only an apostrophe followed by a trigger character is removed: every escaped
     * cell looks like that, and a raw export's cell rarely does.
     */
    static String unescape(String cell) {
        return cell != null && cell.length() >= 2 && cell.charAt(0) == '\'' && isTrigger(cell.charAt(1))
                ? cell.substring(1) : cell;
    }

    private static boolean isTrigger(char c) {
        return switch (c) {
            case '=', '+', '-', '@', '\t', '\r', '\n', '\'' -> true;
            default -> false;
        };
    }
}
