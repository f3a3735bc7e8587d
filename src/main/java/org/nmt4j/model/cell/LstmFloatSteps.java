package org.nmt4j.model.cell;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nmt4j.compute.FloatCopies;

/**
 * {@link CellSteps} of an LSTM in single precision. The cell state c lives here: it starts as the state the first step is
 * given (c_0 = h_0), each step keeps its previous c, and backward carries c's gradient from step to step (into the
 * first step's previous state at the end). A padded position keeps both h and c.
 */
final class LstmFloatSteps extends FloatCellSteps {

    private final float[] i;        // [T·B·H] the gates of every step
    private final float[] f;
    private final float[] g;
    private final float[] o;
    private final float[] cells;    // [T·B·H] the cell state before each step
    private final float[] squashed; // [T·B·H] tanh(c') of each step (before padding)
    private final float[] current;  // [B·H] the cell state after the last step run
    private final float[] carry;    // [B·H] the gradient of that cell state, during backward
    private int first = -1;         // the step forward ran first

    LstmFloatSteps(int steps, int batch, int units) {
        super(batch, units, 4, 14);
        int all = steps * batch * units;
        this.i = new float[all];
        this.f = new float[all];
        this.g = new float[all];
        this.o = new float[all];
        this.cells = new float[all];
        this.squashed = new float[all];
        this.current = new float[batch * units];
        this.carry = new float[batch * units];
    }

    @Override
    public void forward(int t, INDArray in, INDArray rec, INDArray previous, INDArray mask, INDArray next) {
        int h = units;
        readForward(in, rec, previous, mask);
        if (first < 0) {
            first = t;
            System.arraycopy(states, 0, current, 0, batch * h);
        }
        float[][] gates = {row[0], row[1], row[2], row[3]};
        float[] recurrentGate = row[4];
        float[] cell = row[5];
        float[] nextCell = row[6];
        float[] squash = row[7];
        float[] state = row[8];
        float[] out = row[9];
        for (int b = 0; b < batch; b++) {
            int w = 4 * h * b;
            for (int gate = 0; gate < 4; gate++) {
                float[] a = gates[gate];
                System.arraycopy(inputs, w + gate * h, a, 0, h);
                System.arraycopy(recurrent, w + gate * h, recurrentGate, 0, h);
                for (int k = 0; k < h; k++) {
                    a[k] += recurrentGate[k];
                }
            }
            System.arraycopy(current, b * h, cell, 0, h);
            System.arraycopy(states, b * h, state, 0, h);
            LstmFloatRows.forward(gates[0], gates[1], gates[2], gates[3], cell, nextCell, squash, out, h);
            float m = mask(mask, b);
            if (m != 1) { // padding: h' = h + m (h' − h), c' likewise
                for (int k = 0; k < h; k++) {
                    out[k] = state[k] + m * (out[k] - state[k]);
                    nextCell[k] = cell[k] + m * (nextCell[k] - cell[k]);
                }
            }
            int at = (t * batch + b) * h;
            System.arraycopy(gates[0], 0, i, at, h);
            System.arraycopy(gates[1], 0, f, at, h);
            System.arraycopy(gates[2], 0, g, at, h);
            System.arraycopy(gates[3], 0, o, at, h);
            System.arraycopy(cell, 0, cells, at, h);
            System.arraycopy(squash, 0, squashed, at, h);
            System.arraycopy(nextCell, 0, current, b * h, h);
            System.arraycopy(out, 0, results, b * h, h);
        }
        FloatCopies.write(results, next);
    }

    @Override
    public void backward(int t, INDArray dh, INDArray previous, INDArray mask, INDArray dInputs,
                         INDArray dRecurrent, INDArray dPrevious) {
        int h = units;
        FloatCopies.read(dh, results);
        readMask(mask);
        float[] ri = row[0];
        float[] rf = row[1];
        float[] rg = row[2];
        float[] ro = row[3];
        float[] cell = row[4];
        float[] squash = row[5];
        float[] dStep = row[6];
        float[] dCell = row[7];
        float[] daI = row[8];
        float[] daF = row[9];
        float[] daG = row[10];
        float[] daO = row[11];
        float[] dcPrevious = row[12];
        float[] dPrev = row[13];
        for (int b = 0; b < batch; b++) {
            int at = (t * batch + b) * h;
            System.arraycopy(i, at, ri, 0, h);
            System.arraycopy(f, at, rf, 0, h);
            System.arraycopy(g, at, rg, 0, h);
            System.arraycopy(o, at, ro, 0, h);
            System.arraycopy(cells, at, cell, 0, h);
            System.arraycopy(squashed, at, squash, 0, h);
            System.arraycopy(results, b * h, dStep, 0, h);
            System.arraycopy(carry, b * h, dCell, 0, h);
            float m = mask(mask, b);
            if (m != 1) {
                for (int k = 0; k < h; k++) {
                    dStep[k] *= m;
                    dCell[k] *= m;
                }
            }
            LstmFloatRows.backward(ri, rf, rg, ro, cell, squash, dStep, dCell, daI, daF, daG, daO, dcPrevious, h);
            float pass = 1 - m; // padding passes its gradients straight to the previous h and c
            for (int k = 0; k < h; k++) {
                dcPrevious[k] += pass * carry[b * h + k];
                dPrev[k] = pass * results[b * h + k];
            }
            if (t == first) { // c_0 = h_0
                for (int k = 0; k < h; k++) {
                    dPrev[k] += dcPrevious[k];
                }
            }
            System.arraycopy(dcPrevious, 0, carry, b * h, h);
            int w = 4 * h * b;
            System.arraycopy(daI, 0, inputs, w, h);
            System.arraycopy(daF, 0, inputs, w + h, h);
            System.arraycopy(daG, 0, inputs, w + 2 * h, h);
            System.arraycopy(daO, 0, inputs, w + 3 * h, h);
            System.arraycopy(dPrev, 0, states, b * h, h);
        }
        FloatCopies.write(inputs, dInputs);
        FloatCopies.write(inputs, dRecurrent);
        FloatCopies.write(states, dPrevious);
    }
}
