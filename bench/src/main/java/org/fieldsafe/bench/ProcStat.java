package org.fieldsafe.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * One process's or thread's {@code /proc/.../stat} line: its command name (field 2) and the CPU it has used so far,
 * user + system (fields 14 and 15), in clock ticks of {@link #TICKS_PER_SECOND}.
 */
record ProcStat(String name, long ticks) {
    /** Linux's USER_HZ. */
    static final int TICKS_PER_SECOND = 100;

    static ProcStat read(Path stat) throws IOException {
        String line = Files.readString(stat);
        // the command name is in parentheses and may hold spaces: count the fields after its ')'
        int close = line.lastIndexOf(')');
        String[] f = line.substring(close + 2).split(" ");
        String name = line.substring(line.indexOf('(') + 1, close);
        return new ProcStat(name, Long.parseLong(f[11]) + Long.parseLong(f[12]));
    }
}
