package dev.quorum.platform.control;

import jakarta.annotation.Priority;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;

/**
 * Turns a lost database inside a business method into the refusal {@code UNAVAILABLE} (nothing was kept:
 * the transaction has not committed yet, and rolls back). As an application exception it passes through
 * the container without a logged stack trace: an outage of a minute would otherwise log one for every
 * request and every background look at the database. A commit that loses the database happens after this
 * interceptor and is answered {@code OUTCOME_UNKNOWN} at the edge.
 */
@DatabaseGuarded
@Interceptor
@Priority(Interceptor.Priority.PLATFORM_AFTER + 100)
public class DatabaseGuard {

    @AroundInvoke
    Object guard(InvocationContext invocation) throws Exception {
        try {
            return invocation.proceed();
        } catch (RuntimeException failure) {
            if (Failures.refusal(failure) == null && Failures.databaseUnreachable(failure)) {
                throw Failures.answer(
                        failure,
                        false,
                        invocation.getMethod().getDeclaringClass().getSimpleName() + "."
                                + invocation.getMethod().getName());
            }
            throw failure;
        }
    }
}
