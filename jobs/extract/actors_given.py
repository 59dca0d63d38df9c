"""Given names beyond the gendered list: evidence that a name is a person's, with no gender.

`jobs.extract._names` lists the given names of English-language news with the gender
they usually carry, and leaves out on purpose the names given to women and men alike.
For telling a person's name from an organisation's or a place's the gender does not
matter, so this list, written by hand for this project, adds such names (Alex, Jamie,
Robin) and given names common in the news of many countries (India, the Arab world,
Africa, East Asia, Latin America, Europe). Names that are also well-known places or
clubs (Jordan, Chelsea, Austin, Georgia, Lincoln) are left out: their first word is no
evidence.
"""

from __future__ import annotations

from jobs.extract._names import name_gender

GIVEN_NAMES = frozenset(
    """
    alex alexis ali amari angel ariel ashley avery bailey blake cameron carey casey charlie
    dakota drew eden elliot emerson finley frankie harley jaime jamie jesse jody
    jules kai kelly kendall kerry kim lee leslie logan lou mackenzie marley morgan nicky noel
    pat peyton quinn reese riley robin rory sam sasha shannon shawn sidney skyler stacy
    sydney taylor terry toby tracy val
    aarav aditi aditya ajay akash akshay amit amitabh anand anil anjali anupam arjun arun
    arvind ashok asha deepak deepika dinesh divya ganesh geeta gopal gita harish jyoti kamala
    kavita kiran krishna kumar lakshmi lalit mahesh manish manoj meena mukesh nandini narendra
    naresh neha nikhil nirmala pooja prakash pradeep prashant priyanka rahul raj
    rajiv rakesh ramesh rekha rohit sachin sanjay santosh sarita shashi shweta sita sunil
    sunita suresh swati uma usha vijay vikram vinod virat vivek yogesh
    abdullah ahmad amina amir anwar ayesha bashar farah fatma hamza hana hussein ibrahim
    ismail karim khaled khalid laila layla leila mahmoud mariam maryam mohamed
    mohammad mona mustafa nabil nasser noor omar rania reem salim salma samir sami tariq walid
    yasmin yousef youssef yusuf zainab zaid
    abebe adaeze ayodele chidi chinedu chioma emeka folasade ifeoma kamau kofi kwame
    kwesi nkechi nomvula oluwaseun sipho thabo themba tunde wanjiru yaw
    akira chen haruki hiroshi hyun jae jin jun keiko kenji kenta mei ming naoko satoshi shinzo
    takeshi wei xi yuki yuko
    alejandra alejandro andres beatriz catalina cristina daniela diego eduardo enrique esteban
    fernanda fernando francisca francisco gabriel guadalupe guillermo ignacio javier jorge
    julio leticia lorena luz manuel marisol nicolas pablo paola rafael ramon
    raul ricardo rocio rodrigo santiago valentina ximena
    aleksandr alexei anatoly andrei boris dmitry ekaterina galina irina katya mikhail
    natasha nikolai oksana oleg pavel sergey svetlana tatiana valentina vladislav yulia
    yekaterina zoran
    agnieszka aleksandra alessandra alessia alessio anders antoine arne astrid bjorn chiara
    dieter elke francesco franz giorgio giovanni giulia giuseppe gunnar hans
    hendrik henrik ilse jacques jan jens johan johann joost jurgen karl katarzyna klaus lars
    lorenzo luca luigi magnus malgorzata marcel marek matteo mattias nils niklas olaf pieter
    piotr rolf sigrid soren stefan stefano sven thierry tomasz ulrich willem wojciech wolfgang
    aisling aoife ciara cormac declan eamon eoin niamh oisin padraig seamus sinead
    """.split()  # noqa: SIM905 - a word list reads better as words
)


def is_given_name(word: str) -> bool:
    """True for a common given name, of either list."""
    return name_gender(word) is not None or word.casefold() in GIVEN_NAMES
