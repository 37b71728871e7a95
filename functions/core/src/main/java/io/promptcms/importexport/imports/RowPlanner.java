package io.promptcms.importexport.imports;

import io.promptcms.common.ApiException;
import io.promptcms.common.FieldError;
import io.promptcms.common.Ids;
import io.promptcms.importexport.format.PromptRecord;
import io.promptcms.importexport.format.RowError;
import io.promptcms.importexport.format.SourceRow;
import io.promptcms.prompt.ContentFingerprint;
import io.promptcms.prompt.PromptDraft;
import io.promptcms.prompt.PromptInput;
import io.promptcms.prompt.PromptService;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Decides what happens to each row, in file order: read errors and the prompts' own validation
 * ({@link PromptService#validate}) fail it; a name seen earlier in the file fails it ("duplicate of row N");
 * a name that differs from an earlier one or an existing prompt only in case or spacing is a warning; a row whose
 * prompt exists — the caller's own prompt with the row's {@code id}, else the caller's prompt of that name — is
 * skipped, updated or duplicated as the options say (a second row that would update the same prompt fails: updates
 * run in parallel, and one row per prompt keeps the result independent of their order). New prompts get the id derived from (job, row), so a
 * resumed run recognises what an interrupted one already wrote.
 * A row whose content equals (after {@link ContentFingerprint} normalisation) that of an earlier row, else of an
 * existing prompt of the owner other than the one it writes, is a warning with {@code duplicateOf}; with
 * {@code rejectDuplicates} it is skipped for that reason. The earlier row is asked first so that a resumed run, whose
 * library holds what the interrupted one created, reports the same as an uninterrupted one. Fingerprints of rows cost
 * 16 bytes each in a {@link SeenNames} table, like names.
 */
final class RowPlanner {

    /** What to do with one row. {@code draft} is null for a failed row; {@code targetId} names the prompt to write. */
    record Plan(long row, Action action, String targetId, PromptDraft draft, List<String> collectionNames, List<String> newCollections,
                List<RowError> errors, List<RowError> warnings, DuplicateOf duplicateOf) {

        Plan(long row, Action action, String targetId, PromptDraft draft, List<String> collectionNames, List<String> newCollections,
             List<RowError> errors, List<RowError> warnings) {
            this(row, action, targetId, draft, collectionNames, newCollections, errors, warnings, null);
        }
    }

    enum Action { CREATE, DUPLICATE, ALREADY_CREATED, UPDATE, SKIP, FAIL }

    private final String jobId;
    private final String ownerId;
    private final ImportOptions options;
    private final OwnerLibrary library;
    private final PromptService prompts;
    private final Map<String, String> sourceColumns;
    private final SeenNames rowByName = new SeenNames();
    private final SeenNames rowByFold = new SeenNames();
    private final SeenNames rowByFingerprint = new SeenNames();
    /** Existing prompts an earlier row updates: updates run in parallel, so a second row for one prompt fails. */
    private final Map<String, Long> rowByUpdatedPrompt = new HashMap<>();

    RowPlanner(String jobId, String ownerId, ImportOptions options, OwnerLibrary library, PromptService prompts, Map<String, String> sourceColumns) {
        this.jobId = jobId;
        this.ownerId = ownerId;
        this.options = options;
        this.library = library;
        this.prompts = prompts;
        this.sourceColumns = sourceColumns;
    }

    static String promptId(String jobId, long row) {
        return Ids.derivedId(PromptService.ID_PREFIX, jobId, Long.toString(row));
    }

    Plan plan(SourceRow source, boolean dryRun) {
        long row = source.row();
        if (!source.ok()) {
            return failed(row, source.errors(), List.of());
        }
        PromptRecord record = source.record();
        List<RowError> errors = new ArrayList<>();
        List<String> newCollections = new ArrayList<>();
        List<String> collectionIds = collections(row, record.collections(), dryRun, newCollections, errors);
        PromptDraft draft;
        try {
            draft = prompts.validate(ownerId, new PromptInput(record.fields(), collectionIds, record.visibility()));
        } catch (ApiException e) {
            e.errors().forEach(error -> errors.add(new RowError(row, column(error), error.message())));
            if (e.errors().isEmpty()) {
                errors.add(new RowError(row, null, e.getMessage()));
            }
            return failed(row, errors, List.of());
        }
        if (!errors.isEmpty()) {
            return failed(row, errors, List.of());
        }
        String name = draft.fields().name();
        long earlier = rowByName.putIfAbsent(name, row);
        if (earlier != 0) {
            return failed(row, List.of(new RowError(row, column("name"), "duplicate of row " + earlier + ": the name '" + name + "' is used twice in the file")), List.of());
        }
        List<RowError> warnings = new ArrayList<>();
        String fold = OwnerLibrary.fold(name);
        long similarRow = rowByFold.putIfAbsent(fold, row);
        if (similarRow != 0) {
            warnings.add(new RowError(row, column("name"), ErrorLog.WARNING + " likely duplicate of row " + similarRow + ": names differ only in case or spacing"));
        }
        String similarExisting = library.similarPromptName(name);
        if (similarExisting != null) {
            warnings.add(new RowError(row, column("name"), ErrorLog.WARNING + " likely duplicate of the existing prompt '" + similarExisting + "': names differ only in case or spacing"));
        }
        return withDuplicate(decide(row, record, draft, newCollections, warnings), warnings);
    }

    /** What to do with a valid row: create it, or what the options say for the prompt it matches by id or name. */
    private Plan decide(long row, PromptRecord record, PromptDraft draft, List<String> newCollections, List<RowError> warnings) {
        String name = draft.fields().name();
        String ownId = promptId(jobId, row);
        if (library.ownsPrompt(ownId)) {
            return new Plan(row, Action.ALREADY_CREATED, ownId, draft, names(record), newCollections, List.of(), warnings);
        }
        String existing = library.ownsPrompt(record.id()) ? record.id() : library.promptNamed(name);
        if (existing == null) {
            return new Plan(row, Action.CREATE, ownId, draft, names(record), newCollections, List.of(), warnings);
        }
        return switch (options.conflict()) {
            case SKIP -> new Plan(row, Action.SKIP, existing, draft, names(record), newCollections, List.of(), warnings);
            case UPDATE -> {
                Long updatedBy = rowByUpdatedPrompt.putIfAbsent(existing, row);
                yield updatedBy == null ? new Plan(row, Action.UPDATE, existing, draft, names(record), newCollections, List.of(), warnings)
                        : failed(row, List.of(new RowError(row, column("id"), "row " + updatedBy + " already updates the prompt " + existing
                        + " (by id or name): one row per prompt")), warnings);
            }
            case DUPLICATE -> new Plan(row, Action.DUPLICATE, ownId, draft, names(record), newCollections, List.of(), warnings);
        };
    }

    /** Marks (or, with rejectDuplicates, skips) a planned row whose content another row or prompt has already. */
    private Plan withDuplicate(Plan plan, List<RowError> warnings) {
        if (plan.action() == Action.FAIL) {
            return plan;
        }
        long row = plan.row();
        long key = OwnerLibrary.fingerprintKey(ContentFingerprint.of(plan.draft().fields().content()));
        long earlierRow = rowByFingerprint.putIfAbsent(key, row);
        String existing = library.promptWithFingerprint(key);
        DuplicateOf duplicate;
        String what;
        if (earlierRow != 0) {
            duplicate = new DuplicateOf(null, earlierRow);
            what = "row " + earlierRow;
        } else if (existing != null && !existing.equals(plan.targetId()) && plan.action() != Action.ALREADY_CREATED) {
            duplicate = new DuplicateOf(existing, null);
            what = "the existing prompt " + existing;
        } else {
            return plan;
        }
        if (options.rejectDuplicates() && plan.action() != Action.ALREADY_CREATED) {
            warnings.add(new RowError(row, column("content"), "skipped: same content as " + what + " (rejectDuplicates)"));
            return new Plan(row, Action.SKIP, duplicate.promptId(), plan.draft(), plan.collectionNames(), plan.newCollections(),
                    List.of(), warnings, duplicate);
        }
        warnings.add(new RowError(row, column("content"), ErrorLog.WARNING + " same content as " + what + " (ignoring case and spacing)"));
        return new Plan(row, plan.action(), plan.targetId(), plan.draft(), plan.collectionNames(), plan.newCollections(),
                plan.errors(), warnings, duplicate);
    }

    /** The destination collection plus the row's collections by name (created unless a dry run); unknown ones are errors. */
    private List<String> collections(long row, List<String> names, boolean dryRun, List<String> created, List<RowError> errors) {
        Set<String> ids = new LinkedHashSet<>();
        if (options.collectionId() != null) {
            ids.add(options.collectionId());
        }
        for (String raw : names == null ? List.<String>of() : names) {
            String name = raw == null ? "" : raw.strip();
            if (name.isEmpty()) {
                continue;
            }
            String id = library.collectionNamed(name);
            if (id == null && dryRun) {
                created.add(name);
                continue;
            }
            if (id == null) {
                try {
                    id = library.createCollection(name);
                    created.add(name);
                } catch (ApiException e) {
                    errors.add(new RowError(row, column("collections"), "collection '" + name + "': " + e.getMessage()));
                    continue;
                }
            }
            ids.add(id);
        }
        return List.copyOf(ids);
    }

    private Plan failed(long row, List<RowError> errors, List<RowError> warnings) {
        return new Plan(row, Action.FAIL, null, null, List.of(), List.of(), errors, warnings);
    }

    private static List<String> names(PromptRecord record) {
        return record.collections() == null ? List.of()
                : record.collections().stream().filter(n -> n != null && !n.isBlank()).map(String::strip).distinct().toList();
    }

    /** The source column a canonical field was read from, for error messages that point into the user's file. */
    private String column(FieldError error) {
        String field = error.field();
        int cut = field.indexOf('[');
        String base = cut < 0 ? field : field.substring(0, cut);
        base = base.contains(".") ? base.substring(0, base.indexOf('.')) : base;
        if (base.equals("collectionIds")) {
            base = "collections";
        }
        return column(base);
    }

    private String column(String field) {
        return sourceColumns.getOrDefault(field, field);
    }
}
