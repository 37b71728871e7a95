package io.promptcms.local;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/** The runtime's arguments: a verb and {@code --flag [value]} options. */
record CommandLine(String verb, Map<String, String> flags) {

    static final String USAGE = """
            usage: promptcms start [--port N] [--fresh] [--data-dir DIR]
                   promptcms create-user --name NAME
                   promptcms reindex
                   promptcms compare-index
                   promptcms replay-failed [--function NAME]
                   promptcms test""";
    private static final Set<String> SWITCHES = Set.of("--fresh");

    static CommandLine parse(String[] args) {
        if (args.length == 0) {
            return new CommandLine("", Map.of());
        }
        Map<String, String> flags = new HashMap<>();
        for (int i = 1; i < args.length; i++) {
            String flag = args[i];
            if (SWITCHES.contains(flag)) {
                flags.put(flag, "true");
            } else if (flag.startsWith("--") && i + 1 < args.length) {
                flags.put(flag, args[++i]);
            } else {
                throw new IllegalArgumentException("unexpected argument " + flag + "\n" + USAGE);
            }
        }
        return new CommandLine(args[0], flags);
    }

    String require(String flag) {
        String value = flags.get(flag);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(flag + " is required\n" + USAGE);
        }
        return value;
    }

    Path projectDir() {
        return Path.of(flags.getOrDefault("--project-dir", ".")).toAbsolutePath().normalize();
    }

    Options startOptions() {
        Options options = Options.defaults(projectDir()).withFresh(flags.containsKey("--fresh"));
        if (flags.containsKey("--port")) {
            try {
                options = options.withPort(Integer.parseInt(flags.get("--port")));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--port takes a number, not " + flags.get("--port"));
            }
        }
        if (flags.containsKey("--data-dir")) {
            options = options.withDataDir(Path.of(flags.get("--data-dir")));
        }
        return options;
    }
}
