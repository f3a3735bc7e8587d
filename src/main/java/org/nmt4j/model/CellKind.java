package org.nmt4j.model;

import org.nmt4j.model.search.SearchCell;

/**
 * One kind of recurrent cell, everything the model needs to know of it: its name in {@code model.cell}, its gate
 * count and parameters, the training cell and the search cell over those parameters. Its parameters are initialised
 * U(±1/√H), PyTorch's rule for recurrent cells. A new cell is its classes plus one
 * registration in {@code cell.CellKinds}.
 */
public interface CellKind {

    /** The name in {@code model.cell}. */
    String name();

    /** G, the gates (blocks of H units) its input and recurrent weights feed. */
    int gates();

    /**
     * Adds the cell's parameters for an input of the given size: by default gate-major {@code prefix.W_i [G,In,H]},
     * {@code .W_h [G,H,H]}, {@code .b_i [G,H]}, {@code .b_h [G,H]}, the layout of nmt4j's parameter files; the cells
     * lay the gates side by side for their products.
     */
    default void layout(Parameters.Layout layout, String prefix, long input, long hidden) {
        int g = gates();
        layout.add(prefix + ".W_i", g, input, hidden).add(prefix + ".W_h", g, hidden, hidden)
                .add(prefix + ".b_i", g, hidden).add(prefix + ".b_h", g, hidden);
    }

    /** The training cell over the parameters named {@code prefix.*}. */
    RecurrentCell training(Parameters parameters, String prefix);

    /** The same function for search, over the same parameters (which search has already copied). */
    SearchCell search(Parameters parameters, String prefix);
}
