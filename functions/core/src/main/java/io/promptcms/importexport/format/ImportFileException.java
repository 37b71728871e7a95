package io.promptcms.importexport.format;

/** The file as a whole cannot be imported (empty, binary, no content column, a JSON object instead of an array…). */
public class ImportFileException extends RuntimeException {

    public ImportFileException(String message) {
        super(message);
    }
}
