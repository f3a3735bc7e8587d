package org.nmt4j.model.cell;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nmt4j.compute.FloatCopies;

/** {@link CellSteps} of a GRU in single precision. */
final class GruFloatSteps extends FloatCellSteps {

    private final float[] bhn;
    private final float[] r; // [T·B·H] the gates of every step
    private final float[] z;
    private final float[] n;
    private final float[] g;

    GruFloatSteps(int steps, int batch, int units, INDArray bhn) {
        super(batch, units, 3, 11);
        this.bhn = new float[units];
        FloatCopies.read(bhn, this.bhn);
        int all = steps * batch * units;
        this.r = new float[all];
        this.z = new float[all];
        this.n = new float[all];
        this.g = new float[all];
    }

    @Override
    public void forward(int t, INDArray in, INDArray rec, INDArray previous, INDArray mask, INDArray next) {
        int h = units;
        readForward(in, rec, previous, mask);
        float[] rr = row[0];
        float[] rz = row[1];
        float[] rn = row[2];
        float[] rg = row[3];
        float[] recR = row[4];
        float[] recZ = row[5];
        float[] state = row[6];
        float[] out = row[7];
        for (int b = 0; b < batch; b++) {
            int w = 3 * h * b;
            System.arraycopy(inputs, w, rr, 0, h);
            System.arraycopy(inputs, w + h, rz, 0, h);
            System.arraycopy(inputs, w + 2 * h, rn, 0, h);
            System.arraycopy(recurrent, w, recR, 0, h);
            System.arraycopy(recurrent, w + h, recZ, 0, h);
            System.arraycopy(recurrent, w + 2 * h, rg, 0, h);
            System.arraycopy(states, b * h, state, 0, h);
            for (int k = 0; k < h; k++) {
                rr[k] += recR[k];
            }
            for (int k = 0; k < h; k++) {
                rz[k] += recZ[k];
            }
            GruFloatRows.forward(rr, rz, rn, rg, bhn, state, out, h);
            float m = mask(mask, b);
            if (m != 1) { // padding: h' = h + m (h' − h)
                for (int k = 0; k < h; k++) {
                    out[k] = state[k] + m * (out[k] - state[k]);
                }
            }
            int at = (t * batch + b) * h;
            System.arraycopy(rr, 0, r, at, h);
            System.arraycopy(rz, 0, z, at, h);
            System.arraycopy(rn, 0, n, at, h);
            System.arraycopy(rg, 0, g, at, h);
            System.arraycopy(out, 0, results, b * h, h);
        }
        FloatCopies.write(results, next);
    }

    @Override
    public void backward(int t, INDArray dh, INDArray previous, INDArray mask, INDArray dInputs,
                         INDArray dRecurrent, INDArray dPrevious) {
        int h = units;
        FloatCopies.read(dh, results);
        FloatCopies.read(previous, states);
        readMask(mask);
        float[] rr = row[0];
        float[] rz = row[1];
        float[] rn = row[2];
        float[] rg = row[3];
        float[] state = row[4];
        float[] dStep = row[5];
        float[] daR = row[6];
        float[] daZ = row[7];
        float[] daN = row[8];
        float[] dg = row[9];
        float[] dPrev = row[10];
        for (int b = 0; b < batch; b++) {
            int at = (t * batch + b) * h;
            System.arraycopy(r, at, rr, 0, h);
            System.arraycopy(z, at, rz, 0, h);
            System.arraycopy(n, at, rn, 0, h);
            System.arraycopy(g, at, rg, 0, h);
            System.arraycopy(states, b * h, state, 0, h);
            System.arraycopy(results, b * h, dStep, 0, h);
            float m = mask(mask, b);
            if (m != 1) {
                for (int k = 0; k < h; k++) {
                    dStep[k] *= m;
                }
            }
            GruFloatRows.backward(rr, rz, rn, rg, state, dStep, daR, daZ, daN, dg, dPrev, h);
            if (m != 1) { // padding passes its gradient straight to the previous state
                float pass = 1 - m;
                for (int k = 0; k < h; k++) {
                    dPrev[k] += pass * results[b * h + k];
                }
            }
            int w = 3 * h * b;
            System.arraycopy(daR, 0, inputs, w, h);
            System.arraycopy(daZ, 0, inputs, w + h, h);
            System.arraycopy(daN, 0, inputs, w + 2 * h, h);
            System.arraycopy(daR, 0, recurrent, w, h);
            System.arraycopy(daZ, 0, recurrent, w + h, h);
            System.arraycopy(dg, 0, recurrent, w + 2 * h, h);
            System.arraycopy(dPrev, 0, states, b * h, h);
        }
        FloatCopies.write(inputs, dInputs);
        FloatCopies.write(recurrent, dRecurrent);
        FloatCopies.write(states, dPrevious);
    }
}
