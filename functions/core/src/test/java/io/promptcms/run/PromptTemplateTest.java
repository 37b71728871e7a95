package io.promptcms.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.promptcms.common.ApiException;
import io.promptcms.common.FieldError;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PromptTemplateTest {

    @Test
    void rendersEveryPlaceholderIncludingRepeatsAndSpacedOnes() {
        var rendered = PromptTemplate.render("Hi {{name}}, {{ name }} likes {{thing}}.", Map.of("name", "Zoë", "thing", "tea"));
        assertEquals("Hi Zoë, Zoë likes tea.", rendered.text());
        assertEquals(List.of(), rendered.unusedVariables());
    }

    @Test
    void valuesAreInsertedLiterallyEvenWithRegexReplacementCharacters() {
        assertEquals("cost: $1 \\ $2", PromptTemplate.render("cost: {{x}}", Map.of("x", "$1 \\ $2")).text());
    }

    @Test
    void everyMissingVariableIsNamed() {
        ApiException e = assertThrows(ApiException.class, () -> PromptTemplate.render("{{a}} {{b}} {{c}}", Map.of("b", "x")));
        assertEquals(List.of("variables.a", "variables.c"), e.errors().stream().map(FieldError::field).toList());
    }

    @Test
    void aValueThatIsNotAStringIsRefused() {
        Map<String, Object> variables = new LinkedHashMap<>();
        variables.put("n", 42);
        variables.put("list", List.of("a"));
        variables.put("nothing", null);
        ApiException e = assertThrows(ApiException.class, () -> PromptTemplate.render("{{n}} {{list}} {{nothing}}", variables));
        assertEquals(List.of("variables.n", "variables.list", "variables.nothing"), e.errors().stream().map(FieldError::field).toList());
    }

    @Test
    void aValueCarryingATemplateIsRefusedSoItCannotPullInAnotherVariable() {
        ApiException e = assertThrows(ApiException.class,
                () -> PromptTemplate.render("Q: {{question}} (secret: {{secret}})", Map.of("question", "{{secret}}", "secret", "s3cr3t")));
        assertEquals("variables.question", e.errors().getFirst().field());
    }

    @Test
    void placeholdersNestedInTheTemplateRenderOnlyTheInnerNameOnce() {
        assertEquals("{{ x }}", PromptTemplate.render("{{ {{inner}} }}", Map.of("inner", "x")).text());
    }

    @Test
    void extraVariablesAreReportedNotRefused() {
        var rendered = PromptTemplate.render("Hello {{name}}", Map.of("name", "A", "zeta", "z", "alpha", "a"));
        assertEquals(List.of("alpha", "zeta"), rendered.unusedVariables());
    }

    @Test
    void aTemplateWithoutPlaceholdersNeedsNoVariables() {
        assertEquals("plain {single} braces", PromptTemplate.render("plain {single} braces", null).text());
    }
}
