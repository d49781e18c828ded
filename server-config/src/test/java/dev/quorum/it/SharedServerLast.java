package dev.quorum.it;

import java.util.Comparator;
import org.junit.jupiter.api.ClassOrderer;
import org.junit.jupiter.api.ClassOrdererContext;

/**
 * Runs the classes that start their own Payara nodes before those on the shared server, so that the shared
 * server boots once, after them, and never has to stop for them ({@link SharedServer#stop()}).
 */
public class SharedServerLast implements ClassOrderer {

    @Override
    public void orderClasses(ClassOrdererContext context) {
        context.getClassDescriptors()
                .sort(Comparator.comparing((org.junit.jupiter.api.ClassDescriptor c) ->
                                QuorumIT.class.isAssignableFrom(c.getTestClass()))
                        .thenComparing(c -> c.getTestClass().getName()));
    }
}
