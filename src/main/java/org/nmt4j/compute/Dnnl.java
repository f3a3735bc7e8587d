package org.nmt4j.compute;

import org.bytedeco.dnnl.engine;
import org.bytedeco.javacpp.Pointer;
import org.nd4j.linalg.api.ndarray.INDArray;

/** What nmt4j's oneDNN products share: the CPU engine and pointers at ND4J's memory. */
final class Dnnl {

    /** The CPU engine every primitive runs on. */
    static final engine ENGINE = new engine(engine.kind.cpu, 0);

    private Dnnl() {
    }

    /**
     * A pointer at an array's first element, elements of {@code bytes} each. A view's buffer already starts at its own
     * offset ({@code data().addressPointer()} includes {@code data().offset()}).
     */
    static Pointer address(INDArray x, int bytes) {
        return new Address(x.data().addressPointer().address() + (x.offset() - x.data().offset()) * bytes);
    }

    // a pointer at an address ND4J owns: JavaCPP passes it through without taking ownership
    private static final class Address extends Pointer {
        Address(long at) {
            address = at;
        }
    }
}
