package io.promptcms.api.prompt;

import io.promptcms.api.http.HttpApiFunction;
import io.promptcms.api.http.SnapStartPriming;
import io.promptcms.common.Env;
import java.util.List;

/** Prompt CRUD, versions, restore, favourites, search and similar prompts: the routes of template.yaml's PromptsFunction. */
public final class PromptsFunction extends HttpApiFunction {

    /** For the route catalog. */
    public static final List<String> ROUTE_KEYS = PromptRoutes.ROUTE_KEYS;

    private final SnapStartPriming priming;

    public PromptsFunction() {
        this(Env.system());
    }

    public PromptsFunction(Env env) {
        this(PromptsWiring.of(env));
    }

    private PromptsFunction(PromptsWiring wiring) {
        super(new PromptRoutes(wiring.service(), wiring.duplicates(), wiring.search()).routes(), wiring.idempotency(), wiring.rateLimiter());
        this.priming = SnapStartPriming.register(wiring::prime);
    }
}
