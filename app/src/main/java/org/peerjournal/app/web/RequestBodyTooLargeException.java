package org.peerjournal.app.web;

import java.io.IOException;

/** Thrown by the size-limited request stream once a body passes the limit. */
class RequestBodyTooLargeException extends IOException {

    RequestBodyTooLargeException(long limit) {
        super("Request body exceeds " + limit + " bytes");
    }
}
