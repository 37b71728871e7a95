package io.promptcms.local.template;

import java.util.List;

/** A Lambda authorizer of an HttpApi: the function to call and the request headers that form its identity source. */
public record AuthorizerSpec(String name, String function, List<String> identityHeaders) {

    public List<String> identitySource() {
        return identityHeaders.stream().map(header -> "$request.header." + header).toList();
    }
}
