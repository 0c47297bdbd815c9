package org.peerjournal.query.stream;

import java.io.IOException;

/** Where a live stream's items are written: the client's connection. */
public interface StreamSink {

    /** Writes one item; may block while the client does not read. Throws when the client is gone. */
    void send(StreamItem item) throws IOException;

    /** Ends the stream. */
    void close();
}
