package io.promptcms.importexport.format;

import java.io.IOException;

/** More text than one record may hold was read without the record ending (most often: a quote never closed). */
final class RecordTooLongException extends IOException {

    RecordTooLongException(long limit) {
        super("a record is longer than " + limit + " characters");
    }
}
