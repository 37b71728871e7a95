package io.promptcms.bench;

import io.promptcms.collection.CollectionItem;
import io.promptcms.common.Ids;
import io.promptcms.common.Timestamps;
import io.promptcms.prompt.PromptDraft;
import io.promptcms.prompt.PromptFields;
import io.promptcms.prompt.PromptService;
import io.promptcms.prompt.StoredPrompt;
import io.promptcms.prompt.Visibility;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Generated prompts with realistic skew, one at a time (nothing is kept but the vocabularies), for the search
 * benchmark. Words come from {@code bench/words.txt} with Zipf weights (names of 2–8 words, content of 200–3,000
 * characters, log-uniform, so most are short); ~300 tags (Zipf, 0–6 per prompt, ~10 % untagged); 20 models (Zipf:
 * the first few take most prompts); 40 collections per owner (Zipf, 0–2 per prompt); created over the last two years
 * and updated between then and now; usageCount heavy-tailed (a third never run), totalCostUsd = runs × the model's
 * price × noise; ~5 % favourites; ~15 % public. The items are built by {@link PromptService#prepareNew}, as an import
 * builds them, then given their history (dates, usage, favourite).
 */
final class SearchCorpus {

    static final int COLLECTIONS_PER_OWNER = 40;
    private static final int TAGS = 300;
    private static final List<String> MODELS = List.of("gpt-4o-mini", "claude-3-5-sonnet", "gpt-4o", "claude-3-5-haiku", "gemini-1.5-flash",
            "gpt-4.1", "llama-3.1-70b", "mistral-large", "gemini-1.5-pro", "claude-3-opus", "gpt-4.1-mini", "o3-mini", "llama-3.1-8b",
            "command-r-plus", "mixtral-8x7b", "deepseek-v3", "qwen-2.5-72b", "nova-pro", "titan-text-express", "phi-3-medium");
    private static final Duration HISTORY = Duration.ofDays(730);

    /** An owner of generated prompts and its collections. */
    record Owner(String id, List<String> collectionIds) {
    }

    /** A generated prompt: its table item and full content. */
    record Generated(StoredPrompt item, String content) {
    }

    private final List<String> words;
    private final List<String> tags;
    private final Zipf wordRank;
    private final Zipf tagRank;
    private final Zipf modelRank = new Zipf(MODELS.size(), 1.1);
    private final Zipf collectionRank = new Zipf(COLLECTIONS_PER_OWNER, 0.8);
    private final Instant now;
    private final SettableClock clock = new SettableClock();
    private final PromptService prompts;

    /** @param prompts built with {@link #clock()}: its {@code prepareNew} stamps the creation time the corpus sets */
    SearchCorpus(Instant now, java.util.function.Function<Clock, PromptService> prompts) {
        this.words = List.copyOf(new LinkedHashSet<>(readWords()));
        List<String> shuffled = new ArrayList<>(words);
        java.util.Collections.shuffle(shuffled, new java.util.Random(7));
        this.tags = List.copyOf(shuffled.subList(0, Math.min(TAGS, shuffled.size())));
        this.wordRank = new Zipf(words.size(), 1.0);
        this.tagRank = new Zipf(tags.size(), 1.0);
        this.now = now;
        this.prompts = prompts.apply(clock);
    }

    List<String> words() {
        return words;
    }

    /** The tag of popularity rank {@code rank} (0 = most used). */
    String tag(int rank) {
        return tags.get(rank);
    }

    String randomTag(SplittableRandom random) {
        return tags.get(tagRank.sample(random));
    }

    String randomModel(SplittableRandom random) {
        return MODELS.get(modelRank.sample(random));
    }

    String randomWord(SplittableRandom random) {
        return words.get(wordRank.sample(random));
    }

    Owner owner(String id) {
        List<String> collections = new ArrayList<>();
        for (int i = 0; i < COLLECTIONS_PER_OWNER; i++) {
            collections.add(Ids.newId("col"));
        }
        return new Owner(id, List.copyOf(collections));
    }

    List<CollectionItem> collections(Owner owner) {
        String created = Timestamps.format(now.minus(HISTORY));
        List<CollectionItem> items = new ArrayList<>();
        for (int i = 0; i < owner.collectionIds().size(); i++) {
            CollectionItem item = new CollectionItem();
            item.setId(owner.collectionIds().get(i));
            item.setOwnerId(owner.id());
            item.setName("Collection " + i + " " + words.get(i));
            item.setCreatedAt(created);
            item.setUpdatedAt(created);
            item.setOwnerSort(created + "#" + item.getId());
            item.setRevision(1L);
            items.add(item);
        }
        return items;
    }

    Generated prompt(Owner owner, SplittableRandom random) {
        String content = content(random);
        String description = random.nextInt(2) == 0 ? null : sentence(random, 5 + random.nextInt(16));
        List<String> collections = new ArrayList<>(new LinkedHashSet<>(random.ints(collectionCount(random), 0, Integer.MAX_VALUE)
                .mapToObj(ignored -> owner.collectionIds().get(collectionRank.sample(random))).toList()));
        Visibility visibility = random.nextInt(100) < 15 ? Visibility.PUBLIC : Visibility.PRIVATE;
        var fields = new PromptFields(capitalised(sentence(random, 2 + random.nextInt(7))), content, description, tags(random),
                randomModel(random), List.of("input", "audience"), Map.of());
        var draft = new PromptDraft(fields, collections, visibility);
        Instant created = now.minus(HISTORY).plusMillis(random.nextLong(HISTORY.toMillis()));
        clock.set(created);
        StoredPrompt prepared = prompts.prepareNew(owner.id(), Ids.newId("prm"), draft).prompt();
        String updated = Timestamps.format(created.plusMillis(random.nextLong(Duration.between(created, now).toMillis() + 1)));
        var item = prepared.toBuilder()
                .updatedAt(updated)
                .ownerSort(updated + "#" + prepared.id()) // as PromptService stamps an update
                .favorite(random.nextInt(100) < 5);
        long runs = usageCount(random);
        if (runs > 0) {
            double pricePerRun = 0.0004 * (1 + MODELS.indexOf(prepared.fields().model()) % 7) * Math.exp(random.nextGaussian() * 0.5);
            item.usageCount(runs).totalCostUsd(Math.round(runs * pricePerRun * 1e6) / 1e6).lastRunAt(updated).usageRevision(runs);
        }
        return new Generated(item.build(), content);
    }

    private static int collectionCount(SplittableRandom random) {
        int roll = random.nextInt(100);
        return roll < 35 ? 0 : roll < 85 ? 1 : 2;
    }

    /** ~10 % untagged, else 1–6 distinct tags, 1–3 most often. */
    private List<String> tags(SplittableRandom random) {
        int roll = random.nextInt(100);
        int count = roll < 10 ? 0 : roll < 40 ? 1 : roll < 65 ? 2 : roll < 82 ? 3 : roll < 92 ? 4 : roll < 97 ? 5 : 6;
        Set<String> chosen = new LinkedHashSet<>();
        while (chosen.size() < count) {
            chosen.add(randomTag(random));
        }
        return List.copyOf(chosen);
    }

    /** A third never run, the rest heavy-tailed (Pareto, alpha 1.1), capped at a million runs. */
    private static long usageCount(SplittableRandom random) {
        if (random.nextInt(3) == 0) {
            return 0;
        }
        return Math.min(1_000_000, (long) Math.floor(Math.pow(1 - random.nextDouble(), -1 / 1.1)));
    }

    private String content(SplittableRandom random) {
        int length = (int) Math.round(Math.exp(Math.log(200) + random.nextDouble() * (Math.log(3000) - Math.log(200))));
        StringBuilder text = new StringBuilder(length + 64).append("You are a helpful assistant for {{audience}}. ");
        while (text.length() < length) {
            text.append(capitalised(sentence(random, 6 + random.nextInt(14)))).append(". ");
            if (random.nextInt(8) == 0) {
                text.append("Use {{input}}.\n");
            }
        }
        return text.substring(0, length).strip();
    }

    private String sentence(SplittableRandom random, int count) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < count; i++) {
            text.append(i == 0 ? "" : " ").append(randomWord(random));
        }
        return text.toString();
    }

    private static String capitalised(String text) {
        return Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }

    private static List<String> readWords() {
        try (InputStream in = SearchCorpus.class.getResourceAsStream("/bench/words.txt")) {
            return Arrays.stream(new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n"))
                    .map(String::strip).filter(word -> !word.isEmpty() && !word.startsWith("#")).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Ranks 0..n-1 with probability proportional to 1 / (rank + 1)^s. */
    static final class Zipf {
        private final double[] cumulative;

        Zipf(int n, double s) {
            cumulative = new double[n];
            double sum = 0;
            for (int k = 0; k < n; k++) {
                sum += 1 / Math.pow(k + 1, s);
                cumulative[k] = sum;
            }
            for (int k = 0; k < n; k++) {
                cumulative[k] /= sum;
            }
        }

        int sample(SplittableRandom random) {
            int at = Arrays.binarySearch(cumulative, random.nextDouble());
            return Math.min(cumulative.length - 1, at >= 0 ? at : -at - 1);
        }
    }

    /** The creation time {@link PromptService#prepareNew} stamps: set before each prompt (generation is single-threaded). */
    private static final class SettableClock extends Clock {
        private Instant instant = Instant.EPOCH;

        void set(Instant instant) {
            this.instant = instant;
        }

        @Override
        public Instant instant() {
            return instant;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException();
        }
    }
}
