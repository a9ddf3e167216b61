/**
 * Labelled cases per indicator, shared by the unit tests and the pre-filter property test:
 * positives in chat spelling and word orders the development corpus does not use, and hard
 * negatives. Short and non-graphic (S1).
 */
import type { DetectContext, IndicatorType } from "./types";

const outgoing: DetectContext = { dir: "out" };

export interface Cases {
  positives: string[];
  negatives: string[];
  ctx?: DetectContext;
}

export const cases: Partial<Record<IndicatorType, Cases>> = {
  "age.query": {
    positives: [
      "u age??",
      "do u go to school?",
      "U R SO CUTE. HOW OLD?",
      "hii how old are u?",
      "whats ur age sweetie",
      "age?",
      "which grade are you in",
      "are u 18 or older",
      "a/s/l",
      "ilang taon ka na?",
      "when were you born",
      "r u a minor?",
    ],
    negatives: [
      "are you a student?",
      "what grade did you get on the test",
      "how was school",
      "how old is your mom",
      "i am old lol",
      "ok thats fine ur mature for ur age",
      "my daughter is in grade 5 too",
      "what year is it",
    ],
  },
  "age.acknowledged": {
    positives: [
      "Really? You look older",
      "10 is a good age",
      "you are too young for this site",
      "omg ur just a kid",
      "wow so young",
      "age is just a number",
      "i dont care that ur young",
      "u r mature for 10",
      "this room is not safe for kids",
      "you should leave this chat",
    ],
    negatives: [
      "kids should not be online late",
      "i have 2 kids",
      "i was young once",
      "my kids are at school",
      "hello there",
      "ok bye",
    ],
  },
  isolation: {
    positives: [
      "r u by urself rn",
      "i see. is your mom around?",
      "u home alone now?",
      "is ur mom home?",
      "anyone with u right now?",
      "when does your dad come home",
      "are you by yourself",
      "ur parents at work?",
    ],
    negatives: [
      "my dad is home now",
      "i am alone a lot since my divorce",
      "i live alone",
      "my mom is visiting",
      "i am home now",
    ],
  },
  secrecy: {
    positives: [
      "dont tell anyone about us ok",
      "this is our little secret",
      "keep this chat secret",
      "delete our messages later",
      "nobody needs to know",
      "dont let your mom see this",
    ],
    negatives: [
      "dont tell me you forgot",
      "tell your mom i said hi",
      "tell me about your day",
      "i can keep a diary",
      "what is the secret of your game",
    ],
  },
  "meet.offline": {
    positives: [
      "can we meet up sometime",
      "lets meet in person",
      "i will fly to cebu to see you",
      "i can visit you next week",
    ],
    negatives: [
      "we should meet the deadline",
      "meet my friend john",
      "nice to meet you",
      "glad to meet you too",
      "i like to meet new people",
    ],
  },
  "payment.offer": {
    positives: [
      "i'll send u 500 pesos",
      "want some money?",
      "i can give you load",
      "i will buy you a new phone",
      "$20 ok?",
      "i can send you gcash",
      "magkano?",
      "i have money for you",
    ],
    negatives: [
      "how much is the pizza",
      "money is tight this month",
      "i paid for the movie tickets",
      "it took me 10 minutes",
      "i paid 10 dollars for lunch",
      "i pay my bills on monday",
      "see you at 10",
    ],
  },
  "solicit.webcam": {
    positives: [
      "can i call you on facetime",
      "for a short video call",
      "can u open ur cam",
      "turn ur camera on pls",
      "lets video call",
      "wanna c2c?",
      "u got a cam?",
      "would you do a cam show for me",
      "can u dance for me on cam",
    ],
    negatives: [
      "did you see the show last night",
      "i was on cam with my boss today",
      "show me your drawing",
      "my cam is not working today",
      "i watched a show on netflix",
      "i have a webcam at home",
      "i use my webcam for meetings",
    ],
  },
  "solicit.sexual": {
    positives: [
      "can u take off ur jacket and shirt",
      "take ur top off",
      "remove ur dress",
      "be naughty for me",
      "take off your shirt pls",
    ],
    negatives: ["take off your shoes and relax", "nice dress in ur pic", "i bought a new shirt"],
  },
  "contact.move_platform": {
    positives: [
      "do u have skype or kik",
      "add me on whatsapp",
      "lets move to telegram",
      "hey wanna chat on snap?",
      "whats ur fb",
      "kik me",
    ],
    negatives: ["my skype is broken", "i saw it on facebook news", "the zoom lens is great"],
  },
  "id.email": {
    positives: ["email: joe.b@mail.com"],
    negatives: ["at home @ 5", "email me later"],
  },
  "id.phone": {
    positives: ["text me at 09171234567", "my number is +1 415 555 2671"],
    ctx: { dir: "in", region: "PH" },
    negatives: ["i pay 500 pesos", "on 2024-05-01 we talked", "10 20 30 40 50 60"],
  },
  "id.url": {
    positives: ["check out mysite.net/page", "https://example.com/x"],
    negatives: ["ok. bye", "i paid 2.50 for it"],
  },
  "id.handle": {
    positives: ["my snap is mike_88", "kik: joe1987", "follow me @joe_the_man"],
    negatives: ["add me on kik please", "my skype is broken"],
  },
  "id.name": {
    positives: ["im joe", "my name is John Smith", "call me dave", "Mike here, hi"],
    negatives: ["it's late here", "im in a meeting", "im bored", "call me later", "im so tired"],
  },
  "id.location": {
    positives: [
      "I'm an accountant in Sydney",
      "hi, i'm a doctor from norway",
      "i live in manchester",
      "im from the US",
      "45 m usa",
      "im john from canada, 40",
    ],
    negatives: [
      "are you from manila?",
      "i will be in cebu next month",
      "i am from work",
      "how is the weather in philippines",
    ],
  },
  "id.age_self": {
    positives: ["im 45 years old", "45 m usa", "35 yo here", "i'm 52, live in Leeds"],
    negatives: ["i will be 30 minutes late", "you are 10 years old?", "i am 2 busy"],
  },
  "id.occupation": {
    positives: ["i'm a nurse", "i work as a mechanic", "im an engineer from germany"],
    negatives: ["im a nice guy", "i work from home lol"],
  },
  "persona.age_statement": {
    ctx: outgoing,
    positives: [
      "hi! 10 here from davao",
      "yes grade 4",
      "im 11 f",
      "im in grade 4",
      "i am ten",
      "my age is 10",
      "4th grade",
      "i am turning 11 next month",
      "10 yrs old po ako",
      "10/f",
    ],
    negatives: ["im 10 minutes away", "i have 10 dogs", "see you at 5 pm", "girl"],
  },
  "persona.break_off": {
    ctx: outgoing,
    positives: [
      "my cellphone is lowbat sorry",
      "sorry signal is very weak here, bye",
      "my wifi is lagging bye",
      "battery low sorry",
      "my mom is calling gtg",
      "sorry the connection keeps dropping",
    ],
    negatives: ["my wifi is fast", "i like my phone", "what show?"],
  },
  "persona.sexual_topic": {
    ctx: outgoing,
    positives: ["do you want to see me on cam?", "i can show you on cam", "wanna video call?"],
    negatives: ["my cam is broken sorry", "what show?", "i dont have a cam", "do u want to pay?"],
  },
};
