package io.dynoj.core.node;

/** Lifecycle of a {@link DynojNode}; it only moves forward. */
public enum NodeState {
    NEW, STARTING, RUNNING, STOPPING, STOPPED, FAILED
}
