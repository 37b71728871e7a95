package io.promptcms.importexport.exports;

import io.promptcms.common.FieldError;
import io.promptcms.prompt.ListFilter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * Which prompts an export takes: exactly one of {@code ids} (the caller's prompts among them; the others are
 * counted as missing, never reported one by one), {@code filter} (the filters of {@code GET /prompts}) or
 * {@code all}. No selection at all means everything.
 */
public record ExportSelection(List<String> ids, Filter filter, Boolean all) {

    /** Ids one export may name (the request body stays far below API Gateway's 6 MB, the job record below 400 KB). */
    public static final int MAX_IDS = 10_000;

    public static final ExportSelection ALL = new ExportSelection(null, null, true);

    /** The filters of {@code GET /prompts}: free text, one tag, one collection id, favourites only. */
    public record Filter(String q, String tag, String collection, Boolean favorite) {

        public Filter {
            q = blankToNull(q);
            tag = blankToNull(tag);
            collection = blankToNull(collection);
        }

        public ListFilter listFilter() {
            return new ListFilter(Boolean.TRUE.equals(favorite), collection, tag);
        }
    }

    public ExportSelection {
        ids = ids == null ? null : List.copyOf(new LinkedHashSet<>(ids.stream().map(id -> id == null ? "" : id.strip()).toList()));
    }

    /** The selection of a request that gave none: everything. */
    public static ExportSelection orAll(ExportSelection selection) {
        return selection == null || (selection.ids() == null && selection.filter() == null && selection.all() == null) ? ALL : selection;
    }

    /** The field errors of this selection (prefixed {@code selection.}); empty when it is valid. */
    List<FieldError> errors() {
        List<FieldError> errors = new ArrayList<>();
        int given = (ids != null ? 1 : 0) + (filter != null ? 1 : 0) + (all != null ? 1 : 0);
        if (given != 1) {
            errors.add(new FieldError("selection", "give exactly one of ids, filter or all"));
        }
        if (all != null && !all) {
            errors.add(new FieldError("selection.all", "must be true (or leave it out)"));
        }
        if (ids != null && (ids.isEmpty() || ids.size() > MAX_IDS)) {
            errors.add(new FieldError("selection.ids", "must name 1 to " + MAX_IDS + " prompts"));
        }
        return errors;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
