export { SnsTopicSubscribed } from "./SnsTopicSubscribed.ts";
