package io.promptcms.pricing;

/** Where the catalog's prices come from: a named public catalog or price page, at a revision, read on a date. */
public record CatalogSource(String name, String url, String revision, String retrievedOn) {
}
