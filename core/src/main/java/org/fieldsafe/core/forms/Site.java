package org.fieldsafe.core.forms;

import java.util.List;
import java.util.Map;

/** A fieldwork site ({@code [A-Z]{2}-[A-Z]{3}}) with its languages and referral directory. */
public record Site(String id, String country, Map<String, String> name, List<String> languages,
                   ReferralDirectory directory) {
}
