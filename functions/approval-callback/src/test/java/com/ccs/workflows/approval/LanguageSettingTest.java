package com.ccs.workflows.approval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class LanguageSettingTest {

    @Test
    void unsetIsSpanishForMessagesAndEveryPageWhateverTheBrowserAsks() {
        LanguageSetting setting = LanguageSetting.parse(null);

        assertThat(setting.forMessages()).isEqualTo(ApprovalLanguage.ES_CO);
        assertThat(setting.forPage("en-US,en;q=0.9")).isEqualTo(ApprovalLanguage.ES_CO);
        assertThat(LanguageSetting.parse("  ").forPage(null)).isEqualTo(ApprovalLanguage.ES_CO);
    }

    @Test
    void aFixedLanguageWinsOverTheBrowser() {
        LanguageSetting english = LanguageSetting.parse("en");

        assertThat(english.forMessages()).isEqualTo(ApprovalLanguage.EN);
        assertThat(english.forPage("es-CO,es;q=0.9")).isEqualTo(ApprovalLanguage.EN);
        assertThat(LanguageSetting.parse("es-CO").forPage("en")).isEqualTo(ApprovalLanguage.ES_CO);
    }

    @Test
    void autoFollowsTheBrowsersFirstSpanishOrEnglishRangeElseSpanish() {
        LanguageSetting auto = LanguageSetting.parse("auto");

        assertThat(auto.forMessages()).isEqualTo(ApprovalLanguage.ES_CO);
        assertThat(auto.forPage("en-GB,en;q=0.9,es;q=0.8")).isEqualTo(ApprovalLanguage.EN);
        assertThat(auto.forPage("es-MX")).isEqualTo(ApprovalLanguage.ES_CO);
        assertThat(auto.forPage("fr-FR,fr;q=0.9,en;q=0.5")).isEqualTo(ApprovalLanguage.EN);
        assertThat(auto.forPage("es;q=0.3, EN;q=0.7"))
                .as("by preference, not order")
                .isEqualTo(ApprovalLanguage.EN);
        assertThat(auto.forPage("en;q=0, es;q=0.1"))
                .as("q=0 means not acceptable")
                .isEqualTo(ApprovalLanguage.ES_CO);
        assertThat(auto.forPage("de, fr")).isEqualTo(ApprovalLanguage.ES_CO);
        assertThat(auto.forPage(null)).isEqualTo(ApprovalLanguage.ES_CO);
    }

    @Test
    void aHostileHeaderIsIgnored() {
        LanguageSetting auto = LanguageSetting.auto();

        for (String header :
                new String[] {"en;q=abc", ";;;", "<script>", "en;q=2", "x".repeat(10_000), "en-\u0000", "en".repeat(300)
                }) {
            assertThat(auto.forPage(header))
                    .as(header.length() > 40 ? header.substring(0, 40) : header)
                    .isEqualTo(ApprovalLanguage.ES_CO);
        }
    }

    @Test
    void anUnknownSettingNamesTheVariableAndTheValues() {
        assertThatThrownBy(() -> LanguageSetting.parse("fr"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("APPROVAL_LANGUAGE must be es-CO, en or auto, got fr");
    }
}
