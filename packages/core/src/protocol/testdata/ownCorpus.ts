/**
 * Own labelled conversations (not the development corpus): other phrasings, chat spelling and
 * Taglish, in the corpus format of eval/dev.txt (">" counterpart, "<" persona, "| labels",
 * "= expected assessment"). Short and non-graphic: behaviours are named, never described (S1).
 */
export const OWN_CORPUS = `
# p1 counterpart
> helo
< hello
> u age?? | age.query
< 9 po | persona.age_statement
> wow ur so young lol | age.acknowledged
> u have cam?? | solicit.webcam
< yes
> ill give u 500 php if u show on cam | payment.offer solicit.webcam
< omg my wifi died sorry | persona.break_off
= stage=payment broken_off=true proposed=true flags=

# p2 counterpart
> hey beautiful
< hi
> how old are you exactly | age.query
< I'm 11 | persona.age_statement
> i see. is your mom around? | isolation
< no shes at work
> good. lets video chat | solicit.webcam
> dont tell anyone ok | secrecy
< my laptop battery is dead bye | persona.break_off
= stage=solicited broken_off=true proposed=true flags=

# p3 counterpart
> hi there
< hi im 10 yrs old | persona.age_statement
> ok thats alright | age.acknowledged
> do you use viber? | contact.move_platform
> my number is +1 415 555 2671 | id.phone=+14155552671
> i am tom, 45, from chicago | id.name=tom id.age_self id.location=chicago
= stage=age_stated broken_off=false proposed=false flags=

# p4 counterpart
> yo
> wanna earn money fast? | payment.offer
< how
> just show me ur body | solicit.sexual
< i am only nine | persona.age_statement
= stage=payment broken_off=false proposed=false flags=no_prior_age_statement

# p5 persona
< hello anyone wants to chat
> hi
> asl | age.query
< 10 f cebu | persona.age_statement
= stage=age_stated broken_off=false proposed=false flags=persona_initiated

# p6 counterpart
> hi
< hi, im 10 | persona.age_statement
< u want me to open my cam? | persona.sexual_topic
> sure | 
= stage=solicited broken_off=false proposed=false flags=persona_raised_first

# p7 counterpart
> hello
< hi! 10 here from davao | persona.age_statement
> can i call you on facetime | solicit.webcam
< wait
> i can send you money via gcash | payment.offer
< sorry signal is very weak here, bye | persona.break_off
= stage=payment broken_off=true proposed=true flags=

# p8 counterpart
> good morning
< morning
> my webcam doesnt work today | 
> i am watching a show on tv | 
< ok. im 10 btw | persona.age_statement
> you are too young for this site | age.acknowledged
= stage=age_stated broken_off=false proposed=false flags=

# p9 counterpart
> hi dear
< hi im 10 | persona.age_statement
> where do u live
< philippines
> i am visiting manila in june, we can meet | meet.offline
> my email is mark.t@example.net | id.email=mark.t@example.net
> I'm an accountant in Sydney | id.occupation id.location=Sydney
= stage=age_stated broken_off=false proposed=false flags=

# p10 counterpart
> hii
< hi
> do u go to school? | age.query
< yes grade 4 | persona.age_statement
> cool! can u take off ur jacket and shirt | solicit.sexual
> i will pay | payment.offer
< my internet is lagging, bye | persona.break_off
= stage=payment broken_off=true proposed=true flags=

# p11 counterpart
> hey
< hey
> r u by urself rn | isolation
< yes i am 10 and home alone | persona.age_statement
> nice, keep this our secret | secrecy
> follow me on insta @big_joe77 | contact.move_platform id.handle=big_joe77
= stage=age_stated broken_off=false proposed=false flags=

# p12 counterpart
> hi
< hi im 10 | persona.age_statement
> my son is 10 too, he loves games |
> have a nice day |
= stage=age_stated broken_off=false proposed=false flags=

# q1 counterpart
> Hello!
< hi
> How old r you? | age.query
< Im 10 years old | persona.age_statement
> Really? You look older | age.acknowledged
> Do you have Skype? | contact.move_platform
> Mine is john.doe.88 |
= stage=age_stated broken_off=false proposed=false flags=

# q2 counterpart
> hey cutie
< hi im 10 | persona.age_statement
> 10 is a good age | age.acknowledged
> show me on webcam ok | solicit.webcam
< my pc is broken | persona.break_off
= stage=solicited broken_off=true proposed=true flags=

# q3 counterpart
> hi
< hello im 10 | persona.age_statement
> do u want 1000 pesos? | payment.offer
> for a short video call | solicit.webcam
< sorry internet is off now | persona.break_off
= stage=payment broken_off=true proposed=true flags=

# q4 counterpart
> whats up
< hi
> ur age | age.query
< ten | persona.age_statement
> where r ur parents now | isolation
< at work
> perfect. open ur camera pls | solicit.webcam
= stage=solicited broken_off=false proposed=true flags=

# q5 counterpart
> HI BABY
< hi
> U R SO CUTE. HOW OLD? | age.query
< 10 PO | persona.age_statement
> OK NO PROBLEM | age.acknowledged
> I PAY U 50 USD FOR CAM SHOW | payment.offer solicit.webcam
< my load is gone, bye | persona.break_off
= stage=payment broken_off=true proposed=true flags=

# q6 counterpart
> hi, i'm a doctor from norway | id.occupation id.location=norway
< hello im 10 | persona.age_statement
> my name's erik | id.name=erik
> add me on telegram: erik_no | contact.move_platform id.handle=erik_no
= stage=age_stated broken_off=false proposed=false flags=

# q7 counterpart
> hi
< hi im 10 | persona.age_statement
> what r u doing |
> i am in my car going to work |
> do u like games? |
= stage=age_stated broken_off=false proposed=false flags=

# q8 counterpart
> hey
< hey
> r u a girl? |
< yes, im 10 | persona.age_statement
> pls remove ur clothes for me | solicit.sexual
> no one will know | secrecy
< my cellphone is lowbat sorry | persona.break_off
= stage=solicited broken_off=true proposed=true flags=

# r1 counterpart
> hey cutie
< hi
> a/s/l? | age.query
< 10/f/ph | persona.age_statement
> 10?? ur a baby lol | age.acknowledged
> u got cam? | solicit.webcam
< yes
> show me pls i give u 1000 | solicit.webcam payment.offer
< sorry my laptop crashed | persona.break_off
= stage=payment broken_off=true proposed=true flags=

# r2 counterpart
> Hi there, I'm Kevin from Sydney | id.name=Kevin id.location=Sydney
< hello, im ten | persona.age_statement
> that's fine, I don't mind | age.acknowledged
> can we talk on viber | contact.move_platform
= stage=age_stated broken_off=false proposed=false flags=

# r3 counterpart
> hi
> u alone? | isolation
< my mom is at work, im 10 | persona.age_statement
> dont tell her we chat ok? | secrecy
> i want u to take off ur clothes for me | solicit.sexual
< my phone battery is low bye | persona.break_off
= stage=solicited broken_off=true proposed=true flags=

# r4 persona
< hi wanna chat
> ok. how old r u | age.query
< 10 | persona.age_statement
> cool, can i see u on cam | solicit.webcam
< sorry the cam wont open | persona.break_off
= stage=solicited broken_off=true proposed=false flags=persona_initiated

# r5 counterpart
> hello
< hi
> i'll pay u 50 usd for a video call | payment.offer solicit.webcam
< im only 10 | persona.age_statement
> its ok | age.acknowledged
= stage=payment broken_off=false proposed=false flags=no_prior_age_statement

# r6 counterpart
> hi sweet
< hello im 10 | persona.age_statement
< want to see me on webcam? | persona.sexual_topic
> ok sure | 
> how much | payment.offer
= stage=payment broken_off=false proposed=false flags=persona_raised_first

# r7 counterpart
> hello
< hi 10 here | persona.age_statement
> im 29, a student from seoul | id.age_self id.occupation id.location=seoul
> what games do u play |
> i play minecraft too |
= stage=age_stated broken_off=false proposed=false flags=

# r8 counterpart
> hi!
< hi
> how old are you dear? | age.query
< 9 | persona.age_statement
> sorry i thought you were older, bye | age.acknowledged
= stage=age_stated broken_off=false proposed=false flags=

# s1 counterpart
> hello little one
< hi
> how old r u sweetie | age.query
< i'm ten po | persona.age_statement
> perfect age | age.acknowledged
> u want to earn 2000 pesos? | payment.offer
> just turn on ur cam for 5 mins | solicit.webcam
< wait my internet is slow | persona.break_off
= stage=payment broken_off=true proposed=true flags=

# s2 counterpart
> hi, i saw your profile
< hello
> are you a girl? |
< yes im 10 | persona.age_statement
> nice to meet you, i am Daniel | id.name=Daniel
> do you like music? |
> bye now |
= stage=age_stated broken_off=false proposed=false flags=

# s3 counterpart
> hey
< hi im 10 | persona.age_statement
> is anyone home with you? | isolation
< no
> can i see you on video call now | solicit.webcam
> ill send money to your gcash after | payment.offer
< sorry my phone died | persona.break_off
= stage=payment broken_off=true proposed=true flags=

# s4 counterpart
> yo whats up
< nothing
> what class are you in | age.query
< grade 5 | persona.age_statement
> ok. im a police officer, you should not chat with strangers | id.occupation age.acknowledged
= stage=age_stated broken_off=false proposed=false flags=

# s5 counterpart
> hello
< hi
> lets video chat | solicit.webcam
< i am 10 years old | persona.age_statement
> ok np | age.acknowledged
> i give you 30 dollars | payment.offer
= stage=payment broken_off=false proposed=false flags=no_prior_age_statement

# s6 counterpart
> hi
< hi im 10 | persona.age_statement
> can you send me a photo of your legs | solicit.image solicit.sexual
> dont show this to your mom | secrecy
> also my telegram is @sam_k | id.handle=sam_k
< sorry gotta go | persona.break_off
= stage=solicited broken_off=true proposed=true flags=

# s7 counterpart
> good evening
< hello
> where are you from? |
< im from cebu, 10 years old | persona.age_statement
> i'm visiting cebu in december |
> maybe we can meet there | meet.offline
= stage=age_stated broken_off=false proposed=false flags=
`;
