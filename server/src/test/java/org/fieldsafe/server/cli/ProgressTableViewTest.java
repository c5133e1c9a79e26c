package org.fieldsafe.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.fieldsafe.core.wire.Progress;
import org.junit.jupiter.api.Test;

class ProgressTableViewTest {
    @Test
    void render_sharedTarget_markedAndCountedOnceInTotals() {
        List<String> nepal = List.of("NP-KAN", "NP-RAP");
        Progress progress = new Progress("s", List.of(
                new Progress.Row("BD-DHK", "RH", 8, 8, List.of()),
                new Progress.Row("BD-DHK", "DB", 4, 4, List.of()),
                new Progress.Row("BD-DHK", "CS", 4, 4, List.of()),
                new Progress.Row("NP-KAN", "RH", 3, 8, nepal),
                new Progress.Row("NP-KAN", "DB", 2, 4, nepal),
                new Progress.Row("NP-KAN", "CS", 3, 4, nepal),
                new Progress.Row("NP-RAP", "RH", 4, 8, nepal),
                new Progress.Row("NP-RAP", "DB", 2, 4, nepal),
                new Progress.Row("NP-RAP", "CS", 2, 4, nepal)), 32, 32);
        assertThat(ProgressTableView.render(progress)).isEqualTo("""
                Progress of s (received/target)
                site       RH    DB    CS  total
                BD-DHK    8/8   4/4   4/4  16/16
                NP-KAN   3/8*  2/4*  3/4*  8/16*
                NP-RAP   4/8*  2/4*  2/4*  8/16*
                total   15/16   8/8   9/8  32/32
                * one target shared by NP-KAN, NP-RAP
                """);
    }
}
