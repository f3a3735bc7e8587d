package org.nmt4j.model;

import org.nmt4j.model.search.GruSearchCell;
import org.nmt4j.model.search.SearchCell;

/** The registry of recurrent cells: {@code gru} (Cho et al. 2014), and whatever is {@link Registry#register} adds. */
public final class CellKinds {

    /** Every registered kind. */
    public static final Registry<CellKind> ALL = new Registry<>("cell", CellKind::name);

    static {
        ALL.register(new CellKind() {
            @Override
            public String name() {
                return "gru";
            }

            @Override
            public int gates() {
                return 3;
            }

            @Override
            public RecurrentCell training(Parameters parameters, String prefix) {
                return new GruCell(parameters, prefix);
            }

            @Override
            public SearchCell search(Parameters parameters, String prefix) {
                return new GruSearchCell(parameters, prefix);
            }
        });
    }

    private CellKinds() {
    }
}
