/**
 * The recurrent cells, one room for every variant: the gated cells as training runs them ({@code GatedCell}), their
 * steps over a whole sequence ({@code CellSteps}: {@code GruFloatSteps}, {@code LstmFloatSteps} and the double twins
 * the build generates from them for the finite-difference tests), the element-wise kernels training and search
 * share ({@code GruFloatRows}, {@code LstmFloatRows}), the search halves ({@code GatedSearchCell}, {@code GruKernel},
 * {@code LstmKernel}) and the registry ({@code CellKinds}). A new cell is its classes here and one registration in
 * {@code CellKinds}; the rest of the model reaches this package only through {@code CellKinds} (a test checks it).
 *
 * <p>May use: {@code model} (the cell interface, parameters), {@code model.search} (the search-side cell interface),
 * {@code compute}.
 */
package org.nmt4j.model.cell;
