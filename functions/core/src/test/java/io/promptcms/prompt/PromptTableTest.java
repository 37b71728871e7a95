package io.promptcms.prompt;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PromptTableTest {

    private final PromptTable table = new PromptTable("prompts");

    @Test
    void theRequestsOtherFeaturesSendNameOnlyAttributesOfThePromptSchema() {
        StoredPrompt read = StoredPrompt.builder().id("prm_1").revision(3L).collectionIds(List.of("col_1")).build();
        Set<String> named = new HashSet<>();
        named.addAll(table.countRun("prm_1", "usr_1", BigDecimal.ONE).expressionAttributeNames().values());
        named.addAll(table.raiseLastRunAt("prm_1", "usr_1", "2026-01-01T00:00:00.000Z").expressionAttributeNames().values());
        named.addAll(table.members("usr_1", "col_1").expressionAttributeNames().values());
        named.addAll(table.countMembers("usr_1", "col_1").expressionAttributeNames().values());
        named.addAll(table.membership("prm_1").expressionAttributeNames().values());
        named.addAll(table.membershipChanged(read, List.of()).expressionAttributeNames().values());
        named.addAll(table.scanRevisions().expressionAttributeNames().values());

        assertTrue(PromptSchemas.PROMPT.attributeNames().containsAll(named), named.toString());
    }
}
