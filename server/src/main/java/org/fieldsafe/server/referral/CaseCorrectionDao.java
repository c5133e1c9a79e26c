package org.fieldsafe.server.referral;

import java.util.List;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** Corrections of referral cases (V17), append-only. */
@RegisterConstructorMapper(CaseCorrection.class)
public interface CaseCorrectionDao {
    @SqlUpdate("INSERT INTO referral_corrections (case_id, version, corrected_at, corrected_by, reason, from_state, "
            + "from_service, from_date) VALUES (:caseId, :version, :correctedAt, :correctedBy, :reason, :fromState, "
            + ":fromService, :fromDate)")
    void insert(@BindMethods CaseCorrection correction);

    @SqlQuery("SELECT case_id, version, corrected_at, corrected_by, reason, from_state, from_service, from_date "
            + "FROM referral_corrections WHERE case_id = :caseId ORDER BY version")
    List<CaseCorrection> ofCase(@Bind("caseId") String caseId);
}
