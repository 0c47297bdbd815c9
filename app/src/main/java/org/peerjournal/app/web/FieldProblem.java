package org.peerjournal.app.web;

/** One entry of a problem's {@code errors}: which input was wrong and why. */
record FieldProblem(String field, String message) {
}
