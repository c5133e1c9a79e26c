package org.fieldsafe.client.interview;

import java.io.ByteArrayInputStream;
import org.javarosa.core.model.FormDef;
import org.javarosa.core.model.instance.InstanceInitializationFactory;
import org.javarosa.core.services.PrototypeManager;
import org.javarosa.xform.parse.XFormParser;
import org.javarosa.xform.util.XFormUtils;

/** Loads an XForm with JavaRosa's parser, as ODK Collect does, into a form ready to fill. */
final class JavaRosaForms {
    private JavaRosaForms() {
    }

    /** Parses and initialises (a new instance, defaults and binds computed); parse errors are thrown. */
    static FormDef load(byte[] xform) throws XFormParser.ParseException {
        PrototypeManager.registerPrototypes(new String[0]);
        FormDef form = XFormUtils.getFormFromInputStream(new ByteArrayInputStream(xform));
        form.initialize(true, new InstanceInitializationFactory());
        return form;
    }
}
