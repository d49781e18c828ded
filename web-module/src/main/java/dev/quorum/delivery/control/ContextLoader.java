package dev.quorum.delivery.control;

/** Runs a piece of work with a given context class loader on the current thread, and puts the previous back. */
final class ContextLoader {

    /** The JDK's platform loader: it holds none of the application's or the container's jars. */
    static final ClassLoader PLATFORM = ClassLoader.getPlatformClassLoader();

    private ContextLoader() {}

    static void run(ClassLoader loader, Runnable work) {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        if (previous == loader) {
            work.run();
            return;
        }
        thread.setContextClassLoader(loader);
        try {
            work.run();
        } finally {
            thread.setContextClassLoader(previous);
        }
    }
}
