package org.fieldsafe.client.app;

import java.util.List;
import java.util.Map;
import org.fieldsafe.core.web.UiTexts.Texts;

/**
 * The app's own words ({@link org.fieldsafe.core.web.UiTexts}, shared with the console): one file per language,
 * {@code web/i18n/<code>.json}.
 */
final class UiTexts {
    static final String MASTER = org.fieldsafe.core.web.UiTexts.MASTER;
    static final Map<String, String> LANGUAGES = org.fieldsafe.core.web.UiTexts.LANGUAGES;
    private static final org.fieldsafe.core.web.UiTexts FILES =
            new org.fieldsafe.core.web.UiTexts(lang -> WebAssets.WEB + "i18n/" + lang + ".json");

    private UiTexts() {
    }

    static boolean known(String lang) {
        return org.fieldsafe.core.web.UiTexts.known(lang);
    }

    static Texts of(String lang) {
        return FILES.of(lang);
    }

    /** The master's keys, for tests that check every language file covers them. */
    static List<String> keys() {
        return FILES.keys();
    }
}
