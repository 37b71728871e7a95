package io.promptcms.savedsearch;

/**
 * A named view of the prompt list: {@code query} is the canonical query string of {@code GET /api/v1/prompts}, and
 * {@code url} that list with it — the same parameters in a URL reproduce the view.
 */
public record SavedSearch(String id, String name, String query, String url, String createdAt) {

    public static final String LIST_PATH = "/api/v1/prompts";

    static SavedSearch of(SavedSearchItem item) {
        return new SavedSearch(item.getId(), item.getName(), item.getQuery(),
                item.getQuery().isEmpty() ? LIST_PATH : LIST_PATH + "?" + item.getQuery(), item.getCreatedAt());
    }
}
