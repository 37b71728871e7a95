package io.promptcms.search;

import java.util.List;
import java.util.Map;

/**
 * Full-text search over the caller's prompts in OpenSearch. The owner is part of every query, so a search
 * can never match another tenant's prompt. Hits carry ids only: callers load the prompts from DynamoDB
 * (the source of truth), which also drops hits the index still holds for prompts deleted a moment ago.
 */
public interface PromptSearch {

    Page search(Query query);

    record Query(String ownerId, String text, int limit, String cursor) {
    }

    record Hit(String id, double score, Map<String, List<String>> highlights) {
    }

    record Page(List<Hit> hits, long total, String nextCursor) {
    }
}
