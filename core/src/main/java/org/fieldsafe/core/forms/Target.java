package org.fieldsafe.core.forms;

import java.util.List;
import java.util.Map;

/** A sample target covering one or more sites: category id to number of interviews. */
public record Target(List<String> sites, Map<String, Integer> counts) {
}
