package org.nmt4j.model.cell;

import java.util.function.BiFunction;

import org.nmt4j.model.CellKind;
import org.nmt4j.model.Parameters;
import org.nmt4j.model.RecurrentCell;
import org.nmt4j.model.Registry;
import org.nmt4j.model.search.SearchCell;

/**
 * The registry of recurrent cells: {@code gru} (Cho et al. 2014) and {@code lstm} (Hochreiter and Schmidhuber 1997),
 * both in PyTorch's conventions, and whatever {@link Registry#register} adds.
 */
public final class CellKinds {

    /** Every registered kind. */
    public static final Registry<CellKind> ALL = new Registry<>("cell", CellKind::name);

    static {
        ALL.register(new Gated("gru", 3, GatedCell::gru, GatedSearchCell::gru));
        ALL.register(new Gated("lstm", 4, GatedCell::lstm, GatedSearchCell::lstm));
    }

    private CellKinds() {
    }

    /** A {@link GatedCell} and its search half. */
    private record Gated(String name, int gates, BiFunction<Parameters, String, RecurrentCell> trainingCell,
                         BiFunction<Parameters, String, SearchCell> searchCell) implements CellKind {

        @Override
        public RecurrentCell training(Parameters parameters, String prefix) {
            return trainingCell.apply(parameters, prefix);
        }

        @Override
        public SearchCell search(Parameters parameters, String prefix) {
            return searchCell.apply(parameters, prefix);
        }
    }
}
