package org.fieldsafe.core.forms;

/** Who overdue referral cases escalate to. */
public record Lead(String role) {
}
