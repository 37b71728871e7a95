package io.promptcms.api.fallback;

import io.promptcms.api.budget.BudgetsFunction;
import io.promptcms.api.collection.CollectionsFunction;
import io.promptcms.api.docs.OpenApiFunction;
import io.promptcms.api.importexport.ExportsFunction;
import io.promptcms.api.importexport.ImportsFunction;
import io.promptcms.api.apikey.ApiKeysFunction;
import io.promptcms.api.pricing.ModelsFunction;
import io.promptcms.api.prompt.PromptsFunction;
import io.promptcms.api.run.RunsFunction;
import io.promptcms.api.savedsearch.SavedSearchesFunction;
import io.promptcms.api.usage.UsageFunction;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Every route the API serves, from the route keys the HTTP functions declare (each function's
 * {@code ROUTE_KEYS}, the strings its routes are built from): lets the fallback tell "no such path" (404)
 * from "path exists, other method" (405). A new HTTP function adds its {@code ROUTE_KEYS} to {@link #ALL}.
 */
public final class RouteCatalog {

    public static final RouteCatalog ALL = new RouteCatalog(Stream.of(
                    PromptsFunction.ROUTE_KEYS,
                    ApiKeysFunction.ROUTE_KEYS,
                    CollectionsFunction.ROUTE_KEYS,
                    ImportsFunction.ROUTE_KEYS,
                    ExportsFunction.ROUTE_KEYS,
                    ModelsFunction.ROUTE_KEYS,
                    RunsFunction.ROUTE_KEYS,
                    UsageFunction.ROUTE_KEYS,
                    BudgetsFunction.ROUTE_KEYS,
                    SavedSearchesFunction.ROUTE_KEYS,
                    OpenApiFunction.ROUTE_KEYS)
            .flatMap(List::stream).toList());

    private final List<Template> templates;

    public RouteCatalog(List<String> routeKeys) {
        this.templates = routeKeys.stream().map(Template::parse).toList();
    }

    /** The methods of the routes whose path template matches {@code path}, sorted; empty when none does. */
    public Set<String> methodsFor(String path) {
        List<String> segments = segments(path);
        Set<String> methods = new TreeSet<>();
        templates.stream().filter(t -> t.matches(segments)).forEach(t -> methods.add(t.method()));
        return methods;
    }

    private static List<String> segments(String path) {
        return List.of((path == null ? "" : path).split("/", -1));
    }

    /** "METHOD /a/{b}/c": literal segments must be equal, a {parameter} takes one non-empty segment. */
    private record Template(String method, List<String> segments) {

        static Template parse(String routeKey) {
            int space = routeKey.indexOf(' ');
            return new Template(routeKey.substring(0, space), RouteCatalog.segments(routeKey.substring(space + 1)));
        }

        boolean matches(List<String> path) {
            if (path.size() != segments.size()) {
                return false;
            }
            for (int i = 0; i < segments.size(); i++) {
                String expected = segments.get(i);
                boolean parameter = expected.startsWith("{") && expected.endsWith("}");
                if (parameter ? path.get(i).isEmpty() : !expected.equals(path.get(i))) {
                    return false;
                }
            }
            return true;
        }
    }
}
