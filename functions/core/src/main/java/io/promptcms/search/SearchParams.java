package io.promptcms.search;

import io.promptcms.common.ApiException;
import io.promptcms.common.FieldError;
import io.promptcms.common.PageCursor;
import java.math.BigDecimal;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The validated query parameters of {@code GET /api/v1/prompts}. Every parameter is checked; an unknown one, a value
 * out of its grammar, or a parameter given twice (except {@code tag}) is a 400 listing every bad field. An empty
 * value counts as absent. {@link #canonicalQueryString()} is the normalised form: what a saved search stores and
 * what a cursor is bound to.
 */
public final class SearchParams {

    public static final int MAX_TEXT = 256;
    public static final int MAX_TAGS = 20;
    private static final int MAX_VALUE = 200;

    public enum TagMode { ANY, ALL }

    public enum Scope { MINE, ALL }

    public enum Quick {
        FAVORITES("favorites"), RECENT("recent"), UNTAGGED("untagged"), HIGH_COST("high-cost");

        final String value;

        Quick(String value) {
            this.value = value;
        }
    }

    /** A sortable field: its parameter name, the index field it sorts on, and its direction when none is given. */
    public enum SortField {
        RELEVANCE("relevance", "_score", false),
        NAME("name", "name.keyword", true),
        CREATED_AT("createdAt", "createdAt", false),
        UPDATED_AT("updatedAt", "updatedAt", false),
        USAGE_COUNT("usageCount", "usageCount", false),
        COST("cost", "totalCostUsd", false);

        final String value;
        final String indexField;
        final boolean ascendingByDefault;

        SortField(String value, String indexField, boolean ascendingByDefault) {
            this.value = value;
            this.indexField = indexField;
            this.ascendingByDefault = ascendingByDefault;
        }
    }

    public record Sort(SortField field, boolean ascending) {
        String value() {
            return field.value + (ascending ? ":asc" : ":desc");
        }
    }

    /** Inclusive bounds, either may be null. */
    public record TimeRange(Instant from, Instant to) {
        boolean isEmpty() {
            return from == null && to == null;
        }
    }

    private static final Set<String> KNOWN = Set.of("q", "tag", "tagMode", "model", "collection", "visibility", "team",
            "createdFrom", "createdTo", "updatedFrom", "updatedTo", "favorite", "untagged", "minCost", "maxCost", "minUsage",
            "sort", "quick", "facets", "scope", "limit", "cursor");
    private static final Set<String> PAGING = Set.of("limit", "cursor");
    private static final Set<String> VISIBILITIES = Set.of("private", "team", "public");

    private final String text;
    private final List<String> tags;
    private final TagMode tagMode;
    private final String model;
    private final String collection;
    private final String visibility;
    private final TimeRange created;
    private final TimeRange updated;
    private final boolean favorite;
    private final boolean untagged;
    private final BigDecimal minCost;
    private final BigDecimal maxCost;
    private final Long minUsage;
    private final Sort sort;
    private final Quick quick;
    private final boolean facets;
    private final Scope scope;
    private final int limit;
    private final boolean limitGiven;
    private final String cursor;
    /** The normalised value of every parameter that changes the result, by name (sorted). */
    private final Map<String, List<String>> canonical;

    private SearchParams(Parser p) {
        text = p.text;
        tags = p.tags;
        tagMode = p.tagMode;
        model = p.model;
        collection = p.collection;
        visibility = p.visibility;
        created = p.created;
        updated = p.updated;
        favorite = p.favorite;
        untagged = p.untagged;
        minCost = p.minCost;
        maxCost = p.maxCost;
        minUsage = p.minUsage;
        quick = p.quick;
        sort = p.sort != null ? p.sort : defaultSort(p.text);
        facets = p.facets;
        scope = p.scope;
        limit = p.limit;
        limitGiven = p.limitGiven;
        cursor = p.cursor;
        canonical = p.canonical;
    }

    /** Parses and validates the parameters (name → every value given, in order). */
    public static SearchParams parse(Map<String, List<String>> query) {
        return new SearchParams(new Parser(query));
    }

    /** Only paging asked for: the plain listing, newest first, which reads DynamoDB (read-your-writes). */
    public boolean isPlainListing() {
        return canonical.isEmpty();
    }

    /**
     * The parameters as a query string: names in order, defaults and {@code cursor} left out, tags sorted and
     * distinct, values percent-encoded. Two requests for the same view have the same canonical query string.
     */
    public String canonicalQueryString() {
        Map<String, List<String>> all = new TreeMap<>(canonical);
        if (limitGiven && limit != PageCursor.DEFAULT_LIMIT) {
            all.put("limit", List.of(Integer.toString(limit)));
        }
        return queryString(all);
    }

    /** What a cursor is bound to: the canonical query without {@code limit} (a page size may change mid-walk). */
    String resultKey() {
        return queryString(canonical);
    }

    private static String queryString(Map<String, List<String>> parameters) {
        return parameters.entrySet().stream()
                .flatMap(e -> e.getValue().stream().map(v -> encode(e.getKey()) + "=" + encode(v)))
                .collect(Collectors.joining("&"));
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** Best matches first with a text, else the most recently updated first (also what quick=recent asks for). */
    private static Sort defaultSort(String text) {
        return new Sort(text != null ? SortField.RELEVANCE : SortField.UPDATED_AT, false);
    }

    public Optional<String> text() {
        return Optional.ofNullable(text);
    }

    public List<String> tags() {
        return tags;
    }

    public TagMode tagMode() {
        return tagMode;
    }

    public Optional<String> model() {
        return Optional.ofNullable(model);
    }

    public Optional<String> collection() {
        return Optional.ofNullable(collection);
    }

    public Optional<String> visibility() {
        return Optional.ofNullable(visibility);
    }

    public TimeRange created() {
        return created;
    }

    public TimeRange updated() {
        return updated;
    }

    /** {@code favorite=true} or {@code quick=favorites}. */
    public boolean favoritesOnly() {
        return favorite || quick == Quick.FAVORITES;
    }

    /** {@code untagged=true} or {@code quick=untagged}. */
    public boolean untaggedOnly() {
        return untagged || quick == Quick.UNTAGGED;
    }

    public Optional<BigDecimal> minCost() {
        return Optional.ofNullable(minCost);
    }

    public Optional<BigDecimal> maxCost() {
        return Optional.ofNullable(maxCost);
    }

    public Optional<Long> minUsage() {
        return Optional.ofNullable(minUsage);
    }

    public Sort sort() {
        return sort;
    }

    public Optional<Quick> quick() {
        return Optional.ofNullable(quick);
    }

    public boolean facets() {
        return facets;
    }

    public Scope scope() {
        return scope;
    }

    public int limit() {
        return limit;
    }

    public Optional<String> cursor() {
        return Optional.ofNullable(cursor);
    }

    /** Reads one parameter after the other, collecting every error before failing. */
    private static final class Parser {

        private final Map<String, List<String>> query;
        private final List<FieldError> errors = new ArrayList<>();
        private final Map<String, List<String>> canonical = new TreeMap<>();

        String text;
        List<String> tags;
        TagMode tagMode;
        String model;
        String collection;
        String visibility;
        TimeRange created;
        TimeRange updated;
        boolean favorite;
        boolean untagged;
        BigDecimal minCost;
        BigDecimal maxCost;
        Long minUsage;
        Sort sort;
        Quick quick;
        boolean facets;
        Scope scope;
        int limit;
        boolean limitGiven;
        String cursor;

        Parser(Map<String, List<String>> raw) {
            query = raw;
            for (var entry : raw.entrySet()) {
                if (!KNOWN.contains(entry.getKey())) {
                    errors.add(new FieldError(entry.getKey(), "is not a known parameter"));
                } else if (!"tag".equals(entry.getKey()) && entry.getValue().size() > 1) {
                    errors.add(new FieldError(entry.getKey(), "must be given at most once"));
                }
            }
            if (single("team") != null) {
                throw ApiException.badRequest("teams are not available yet");
            }
            text = text();
            tags = tags();
            tagMode = choice("tagMode", TagMode.values(), m -> m.name().toLowerCase(Locale.ROOT), TagMode.ANY);
            model = bounded("model");
            collection = bounded("collection");
            visibility = visibility();
            created = range("createdFrom", "createdTo");
            updated = range("updatedFrom", "updatedTo");
            favorite = flag("favorite");
            untagged = flag("untagged");
            minCost = amount("minCost");
            maxCost = amount("maxCost");
            if (minCost != null && maxCost != null && minCost.compareTo(maxCost) > 0) {
                errors.add(new FieldError("maxCost", "must not be below minCost"));
            }
            minUsage = count("minUsage");
            quick = choice("quick", Quick.values(), q -> q.value, null);
            sort = sort();
            facets = flag("facets");
            scope = choice("scope", Scope.values(), s -> s.name().toLowerCase(Locale.ROOT), Scope.MINE);
            limit = limit();
            cursor = single("cursor");
            if (!errors.isEmpty()) {
                throw ApiException.validation(errors);
            }
        }

        /** The one value of a parameter, null when absent or empty. */
        private String single(String name) {
            List<String> values = query.getOrDefault(name, List.of());
            return values.isEmpty() || values.get(0).isEmpty() ? null : values.get(0);
        }

        private void keep(String name, String value) {
            canonical.put(name, List.of(value));
        }

        private String text() {
            String value = single("q");
            String stripped = value == null ? "" : value.strip().replaceAll("\\s+", " ");
            if (stripped.isEmpty()) {
                return null;
            }
            if (stripped.codePointCount(0, stripped.length()) > MAX_TEXT) {
                errors.add(new FieldError("q", "must be at most " + MAX_TEXT + " characters"));
                return null;
            }
            keep("q", stripped);
            return stripped;
        }

        private List<String> tags() {
            var values = new TreeSet<String>();
            for (String tag : query.getOrDefault("tag", List.of())) {
                if (!tag.isBlank()) {
                    values.add(tag.strip());
                }
            }
            if (values.size() > MAX_TAGS) {
                errors.add(new FieldError("tag", "at most " + MAX_TAGS + " tags"));
            } else if (values.stream().anyMatch(t -> t.length() > MAX_VALUE)) {
                errors.add(new FieldError("tag", "must be at most " + MAX_VALUE + " characters"));
            } else if (!values.isEmpty()) {
                canonical.put("tag", List.copyOf(values));
            }
            return List.copyOf(values);
        }

        private String bounded(String name) {
            String value = single(name);
            if (value != null && value.length() > MAX_VALUE) {
                errors.add(new FieldError(name, "must be at most " + MAX_VALUE + " characters"));
                return null;
            }
            if (value != null) {
                keep(name, value);
            }
            return value;
        }

        private String visibility() {
            String value = single("visibility");
            if (value != null && !VISIBILITIES.contains(value)) {
                errors.add(new FieldError("visibility", "must be one of private, team, public"));
                return null;
            }
            if (value != null) {
                keep("visibility", value);
            }
            return value;
        }

        /** An enumerated value; the default is left out of the canonical form. */
        private <E extends Enum<E>> E choice(String name, E[] options, Function<E, String> label, E fallback) {
            String value = single(name);
            if (value == null) {
                return fallback;
            }
            for (E option : options) {
                if (label.apply(option).equals(value)) {
                    if (option != fallback) {
                        keep(name, value);
                    }
                    return option;
                }
            }
            errors.add(new FieldError(name, "must be one of " + Arrays.stream(options).map(label).collect(Collectors.joining(", "))));
            return fallback;
        }

        private boolean flag(String name) {
            String value = single(name);
            if (value == null || "false".equals(value)) {
                return false;
            }
            if ("true".equals(value)) {
                keep(name, value);
                return true;
            }
            errors.add(new FieldError(name, "must be true or false"));
            return false;
        }

        private TimeRange range(String fromName, String toName) {
            Instant from = instant(fromName, false);
            Instant to = instant(toName, true);
            if (from != null && to != null && from.isAfter(to)) {
                errors.add(new FieldError(toName, "must not be before " + fromName));
            }
            return new TimeRange(from, to);
        }

        /** yyyy-MM-dd (UTC; a day as an upper bound includes all of it) or an ISO-8601 instant. */
        private Instant instant(String name, boolean upperBound) {
            String value = single(name);
            if (value == null) {
                return null;
            }
            try {
                Instant instant;
                if (value.length() == 10) {
                    LocalDate day = LocalDate.parse(value);
                    instant = upperBound ? day.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant().minusMillis(1)
                            : day.atStartOfDay(ZoneOffset.UTC).toInstant();
                } else {
                    instant = Instant.parse(value);
                }
                keep(name, value);
                return instant;
            } catch (DateTimeParseException e) {
                errors.add(new FieldError(name, "must be a date (yyyy-MM-dd) or an ISO-8601 instant (2026-01-31T12:00:00Z)"));
                return null;
            }
        }

        private BigDecimal amount(String name) {
            String value = single(name);
            if (value == null) {
                return null;
            }
            try {
                BigDecimal amount = new BigDecimal(value);
                if (amount.signum() >= 0 && amount.compareTo(BigDecimal.valueOf(1_000_000_000)) <= 0) {
                    keep(name, amount.stripTrailingZeros().toPlainString());
                    return amount;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            errors.add(new FieldError(name, "must be an amount in USD from 0 to 1000000000"));
            return null;
        }

        private Long count(String name) {
            String value = single(name);
            if (value == null) {
                return null;
            }
            try {
                long count = Long.parseLong(value);
                if (count >= 0) {
                    keep(name, Long.toString(count));
                    return count;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            errors.add(new FieldError(name, "must be a whole number from 0"));
            return null;
        }

        /** field[:asc|desc]; relevance only with q and only descending. */
        private Sort sort() {
            String value = single("sort");
            if (value == null) {
                return null;
            }
            String[] parts = value.split(":", -1);
            SortField field = Arrays.stream(SortField.values()).filter(f -> f.value.equals(parts[0])).findFirst().orElse(null);
            Boolean ascending = parts.length == 1 && field != null ? Boolean.valueOf(field.ascendingByDefault)
                    : parts.length == 2 && "asc".equals(parts[1]) ? Boolean.TRUE
                    : parts.length == 2 && "desc".equals(parts[1]) ? Boolean.FALSE : null;
            if (field == null || ascending == null) {
                errors.add(new FieldError("sort", "must be one of relevance, name, createdAt, updatedAt, usageCount, cost, "
                        + "optionally followed by :asc or :desc"));
                return null;
            }
            if (field == SortField.RELEVANCE && (text == null || ascending)) {
                errors.add(new FieldError("sort", text == null ? "relevance needs a q" : "relevance sorts best matches first only"));
                return null;
            }
            Sort parsed = new Sort(field, ascending);
            if (!parsed.equals(defaultSort(text))) {
                keep("sort", parsed.value());
            }
            return parsed;
        }

        private int limit() {
            String value = single("limit");
            try {
                int parsed = PageCursor.limit(Optional.ofNullable(value));
                limitGiven = value != null;
                return parsed;
            } catch (ApiException e) {
                errors.addAll(e.errors());
                return PageCursor.DEFAULT_LIMIT;
            }
        }
    }
}
