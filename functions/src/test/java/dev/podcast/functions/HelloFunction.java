package dev.podcast.functions;

import com.google.cloud.functions.CloudEventsFunction;
import io.cloudevents.CloudEvent;

/**
 * The hello-world CloudEvent function the cold-start benchmark compares the upload function
 * with ({@code functions/bench/cold-start.sh}): it logs the event id and returns.
 */
public class HelloFunction implements CloudEventsFunction {

  @Override
  public void accept(CloudEvent event) {
    System.out.println("{\"severity\":\"INFO\",\"message\":\"hello " + event.getId() + "\"}");
  }
}
